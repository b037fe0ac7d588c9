"""Write the interchange JSON Schema shipped in the package from the model's type hints."""

from __future__ import annotations

import json
from pathlib import Path

from apa_desktop.core.interchange import json_schema

TARGET = Path(__file__).resolve().parent.parent / "apa_desktop" / "resources" / "schema" / "office-year-v1.schema.json"


def main() -> None:
    TARGET.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
