"""UI text in Bengali (the default) with an English switch.

A plain catalogue: each key maps to (Bengali, English). Widgets call :func:`tr` when they are
built; switching the language rebuilds the main window's tabs.
"""

from __future__ import annotations

_LANGUAGE = "bn"

CATALOGUE: dict[str, tuple[str, str]] = {
    "app_title": ("এপিএ ডেস্কটপ", "APA Desktop"),
    "start_title": ("অফিস ও অর্থবছর বাছাই", "Choose office and fiscal year"),
    "open": ("খুলুন", "Open"),
    "create": ("নতুন তৈরি করুন", "Create new"),
    "office_id": ("অফিস কোড", "Office code"),
    "office_name": ("অফিসের নাম", "Office name"),
    "fiscal_year": ("অর্থবছর", "Fiscal year"),
    "existing": ("আগের অফিস-বছর", "Existing office-years"),
    "new_office_year": ("নতুন অফিস-বছর", "New office-year"),
    "cover": ("প্রচ্ছদ ও স্বাক্ষরকারী", "Cover && signatories"),
    "overview": ("সার্বিক চিত্র", "Overview"),
    "section1": ("সেকশন ১", "Section 1"),
    "section2": ("সেকশন ২", "Section 2"),
    "section3": ("সেকশন ৩", "Section 3"),
    "annex1": ("সংযোজনী ১", "Annex 1"),
    "annex2": ("সংযোজনী ২", "Annex 2"),
    "annex3": ("সংযোজনী ৩", "Annex 3"),
    "nis": ("সংযোজনী ৪ শুদ্ধাচার", "Annex 4 NIS"),
    "egov": ("সংযোজনী ৫ ই-গভর্ন্যান্স", "Annex 5 e-gov"),
    "grs": ("সংযোজনী ৬ অভিযোগ", "Annex 6 GRS"),
    "charter": ("সংযোজনী ৭ সেবা প্রতিশ্রুতি", "Annex 7 charter"),
    "rti": ("সংযোজনী ৮ তথ্য অধিকার", "Annex 8 RTI"),
    "innovations": ("উদ্ভাবন ডাটাবেজ", "Innovation database"),
    "innovation_progress": ("উদ্ভাবন পরিকল্পনার অগ্রগতি", "Innovation plan progress"),
    "innovation_report": ("অগ্রগতি প্রতিবেদন", "Progress report"),
    "new_progress_report": ("নতুন অগ্রগতি প্রতিবেদন", "New progress report"),
    "no_progress_reports": ("কোনো অগ্রগতি প্রতিবেদন নেই", "No progress reports"),
    "title": ("শিরোনাম", "Title"),
    "enothi": ("ই-নথি হার", "e-Nothi rate"),
    "fourir": ("৪আইআর পরিকল্পনা", "4IR plan"),
    "own_part": ("নিজস্ব (৭০)", "Own (70)"),
    "gov_part": ("সুশাসন (৩০)", "Governance (30)"),
    "total": ("মোট (১০০)", "Total (100)"),
    "quarter": ("ত্রৈমাসিক", "Quarter"),
    "total_obtained": ("প্রাপ্ত নম্বর", "Obtained"),
    "q": ("ত্রৈ", "Q"),
    "whole_year": ("পুরো বছর", "Whole year"),
    "not_scored": ("স্কোর নেই", "no score"),
    "undo": ("পূর্বাবস্থা", "Undo"),
    "redo": ("পুনরায়", "Redo"),
    "english": ("English", "বাংলা"),
    "add_row": ("সারি যোগ", "Add row"),
    "remove_row": ("সারি মুছুন", "Remove row"),
    "move_up": ("উপরে", "Up"),
    "move_down": ("নিচে", "Down"),
    "paste_rows": ("সারি পেস্ট", "Paste rows"),
    "history": ("পরিবর্তনের ইতিহাস", "Change history"),
    "no_history": ("এই ঘরে কোনো পরিবর্তন নেই", "No changes in this cell"),
    "confirm": ("নিশ্চিত করুন", "Confirm"),
    "pending": ("নিশ্চিত করা দরকার", "Needs confirmation"),
    "evidence": ("প্রমাণক", "Evidence"),
    "attach": ("প্রমাণক যুক্ত করুন", "Attach evidence"),
    "open_file": ("খুলুন", "Open"),
    "missing_evidence": ("প্রমাণক নেই এমন সূচক", "Indicators without evidence"),
    "select_indicator": ("একটি সূচক বাছাই করুন", "Select an indicator"),
    "saved": ("সংরক্ষিত", "Saved"),
    "locked": ("স্বাক্ষরিত সংস্করণ বদলানো যায় না", "A signed revision cannot be changed"),
    "read_only": ("শুধু দেখার জন্য — পরিবর্তন করা যায় না", "Read-only — nothing can be changed"),
    "read_only_banner": ("শুধু দেখার জন্য / read-only: এই নথি এখানে পরিবর্তন করা যায় না",
                         "Read-only: this document cannot be changed here"),
    "signed_banner": ("স্বাক্ষরিত ও লক করা (সংস্করণ {n}): পরিবর্তনের জন্য নতুন সংশোধনী খুলুন",
                      "Signed and locked (revision {n}): open a new revision to change it"),
    "new_revision": ("নতুন সংশোধনী", "New revision"),
    "new_revision_reason": ("নতুন সংশোধনীর কারণ (আবশ্যক):", "Reason for the new revision (required):"),
    "reason_required": ("কারণ লিখতে হবে", "A reason is required"),
    "template_rows": ("টেমপ্লেটের সারি: যোগ, মুছা বা ক্রম বদলানো যায় না (মান লেখা যায়)",
                      "Template rows: they cannot be added, removed or reordered (values can be typed)"),
    "cancel": ("বাতিল", "Cancel"),
    "working": ("কাজ চলছে…", "Working…"),
    "import_json": ("JSON আমদানি", "Import JSON"),
    "computed_rate": ("গণনাকৃত হার", "Computed rate"),
    "stated_rate": ("লিখিত হার", "Stated rate"),
    "subject": ("বিষয়", "Subject"),
    "enothi_count": ("ই-নথিতে নিষ্পন্ন নোট", "e-Nothi notes"),
    "weight_errors": ("মানের ত্রুটি", "Weight errors"),
    "office_signatory": ("অফিস প্রধান", "Office head"),
    "superior_signatory": ("ঊর্ধ্বতন কর্মকর্তা", "Superior officer"),
    "name": ("নাম", "Name"),
    "designation": ("পদবি", "Designation"),
    "office": ("অফিস", "Office"),
    "period": ("মেয়াদ", "Period"),
    "signing_date": ("স্বাক্ষরের তারিখ", "Signing date"),
    "achievements": ("সাম্প্রতিক অর্জন", "Recent achievements"),
    "challenges": ("সমস্যা ও চ্যালেঞ্জ", "Problems and challenges"),
    "future_plan": ("ভবিষ্যৎ পরিকল্পনা", "Future plan"),
    "expected": ("প্রত্যাশিত ফলাফল", "Expected achievements"),
    "preamble": ("প্রস্তাবনা", "Preamble"),
    "vision": ("রূপকল্প", "Vision"),
    "mission": ("অভিলক্ষ্য", "Mission"),
    "own_areas": ("কর্মসম্পাদনের ক্ষেত্র", "Areas of performance"),
    "governance_areas": ("সুশাসন ও সংস্কারমূলক ক্ষেত্র", "Governance areas"),
    "functions": ("কার্যাবলি", "Functions"),
    "one_per_line": ("প্রতি লাইনে একটি", "one per line"),
}


def language() -> str:
    return _LANGUAGE


def set_language(lang: str) -> None:
    """Switch the UI text to "bn" or "en"."""
    global _LANGUAGE
    if lang not in ("bn", "en"):
        raise ValueError(lang)
    _LANGUAGE = lang


def tr(key: str) -> str:
    """The UI text for ``key`` in the current language (the key itself when missing)."""
    pair = CATALOGUE.get(key)
    if pair is None:
        return key
    return pair[0] if _LANGUAGE == "bn" else pair[1]
