"""The office talks to HQ over the network: the link, the HTTPS client, the outbox sender (uses db/ and export/, never ui/)."""
