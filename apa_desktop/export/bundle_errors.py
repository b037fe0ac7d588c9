"""Why a bundle is refused: a stable code and a message in Bengali and English."""

from __future__ import annotations

from ..core.errors import UserError

REASONS: dict[str, tuple[str, str]] = {
    "too_large": ("ফাইলটি বান্ডলের সর্বোচ্চ আকারের চেয়ে বড়", "the file is larger than a bundle may be"),
    "not_a_bundle": ("এটি APA বান্ডল (ZIP) ফাইল নয়", "this is not an APA bundle (not a ZIP file)"),
    "corrupt": ("ফাইলটি ভাঙা বা অসম্পূর্ণ (হয়তো কপি মাঝপথে থেমেছে)", "the file is damaged or truncated"),
    "unsafe_path": ("ভিতরে বিপজ্জনক ফাইল-পথ আছে (../, / বা \\)", "an archive member has an unsafe path"),
    "duplicate_member": ("একই নামের ফাইল দুবার আছে", "an archive member appears twice"),
    "unexpected_member": ("অপ্রত্যাশিত ফাইল আছে", "an archive member is not part of the format"),
    "missing_member": ("প্রয়োজনীয় ফাইল নেই", "a required member is missing"),
    "too_many_members": ("ভিতরে অনেক বেশি ফাইল", "too many archive members"),
    "archive_bomb": ("ফাইলটি খুললে অস্বাভাবিক বড় হয় (আর্কাইভ বোমা)", "the archive expands too much (archive bomb)"),
    "encrypted": ("ভিতরের ফাইল এনক্রিপ্ট করা", "an archive member is encrypted"),
    "manifest_invalid": ("ম্যানিফেস্ট পড়া যায়নি বা নিয়ম মানে না", "the manifest is not valid"),
    "unsupported_version": ("এই বান্ডল-সংস্করণ এই প্রোগ্রাম পড়তে পারে না", "this bundle format version is not supported"),
    "hash_mismatch": ("ফাইলের হ্যাশ/আকার ম্যানিফেস্টের সাথে মেলে না", "a member's hash or size does not match the manifest"),
    "document_invalid": ("দলিলটি (document.json) পড়া যায়নি", "document.json is not a valid office-year"),
    "document_mismatch": ("দলিলের অফিস/অর্থবছর ম্যানিফেস্টের সাথে মেলে না", "the document's office or year differs from the manifest"),
    "evidence_missing": ("দলিলে উল্লেখিত প্রমাণক বান্ডলে নেই", "evidence named by the document is missing"),
    "cms_malformed": ("স্বাক্ষর-ফাইলটি ভাঙা", "the signature file is malformed"),
    "signature_invalid": ("স্বাক্ষর বৈধ নয়: ম্যানিফেস্ট বদলানো হয়েছে", "the signature does not match the manifest"),
    "certificate_untrusted": ("সনদের মেয়াদ বা বৈধতা নেই", "the certificate is not valid (expired?)"),
    "certificate_expired": ("স্বাক্ষরের সময় সনদের মেয়াদ শেষ হয়ে গিয়েছিল", "the certificate had expired when it signed"),
    "certificate_not_yet_valid": ("স্বাক্ষরের সময় সনদটি তখনও বৈধ হয়নি", "the certificate was not yet valid when it signed"),
    "unsupported_digest": ("স্বাক্ষরের হ্যাশ-পদ্ধতি গ্রহণযোগ্য নয় (যেমন SHA-1)", "the signature's digest algorithm is not supported"),
    "office_not_enrolled": ("এই অফিস নথিভুক্ত নয়", "this office is not enrolled"),
    "certificate_revoked": ("এই অফিসের সনদ বাতিল করা হয়েছে", "this office's certificate has been revoked"),
    "signer_not_enrolled": ("স্বাক্ষরকারীর সনদ এই অফিসের নথিভুক্ত সনদ নয়", "the signer is not the certificate enrolled for this office"),
    "replay": ("পুরোনো বান্ডল আবার পাঠানো হয়েছে", "replay of an old bundle"),
}


class BundleRejected(UserError):
    """A bundle that is refused; nothing has been written anywhere when this is raised."""

    def __init__(self, reason_code: str, detail: str = "") -> None:
        bn, en = REASONS[reason_code]
        self.reason_code = reason_code
        self.detail = detail
        UserError.__init__(self, bn, f"{en}: {detail}" if detail else en)
