"""The office talks to HQ over the network: the HTTPS client and the outbox sender
(uses db/ and export/, never ui/)."""
