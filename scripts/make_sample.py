"""Write samples/article.damaged.txt: our own sample article with every kind of damage khabar repairs.

The clean article (samples/article.clean.txt) was written by the khabar developers;
the events and names in it are invented.

    python scripts/make_sample.py
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
clean = (ROOT / "samples" / "article.clean.txt").read_text(encoding="utf-8")
lines = clean.splitlines()

# 1. lost spaces, 2. broken quotes, 3. ى→ي, 5. hamza, 6. ة→ه
lines[0] = lines[0].replace("وزارة الخارجية", "وزارةالخارجية").replace("إلى القاهرة", "الي القاهرة")
lines[0] = lines[0].replace("الأسبوع", "الأســـبوع")  # tatweel
lines[1] = (
    lines[1]
    .replace("وقال المتحدث", "وقالالمتحدث")
    .replace("إن «", "ان «")
    .replace("«", "¢").replace("»", "¢")
    .replace("المملكة العربية", "المملكةالعربية")
    .replace("مصر والسودان", "مصروالسودان")
)
lines[2] = (
    lines[2]
    .replace("إلى أن المستشفى", "الي ان المستشفي")
    .replace("المدنيين", "المدنين")  # a dropped letter: a suggestion, not an edit
    .replace("يومين", "یومین")  # Persian yeh
    .replace("أطفال", "\u200fأطفال")  # a stray right-to-left mark
    .replace(" ونساء", "\u00a0ونساء")
)
lines[3] = (
    lines[3]
    .replace("مجلس الأمن", "مجلس الامن")
    .replace("أخرى", "أخري")
    .replace("إسرائيل", "اسرائيل")
    .replace("مشروع قرار", "مشروع  قرار")
)
# 7. encoding: this sentence went through a UTF-8 → Windows-1252 mix-up, with an HTML entity
mojibake = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in "وأكد مصطفى الحسيني".encode())
# this writer ends words with ه instead of ة throughout the paragraph
lines[4] = re.sub("ة(?=[^\u0621-\u064a]|$)", "ه", lines[4])
lines[4] = lines[4].replace("وأكد مصطفى الحسيني", mojibake)
lines[4] = lines[4].replace("«نريد مكانا آمنا لأطفالنا»", "¤نريد مكانا امنا لأطفالنا¤")
lines[2] = lines[2].replace("300 مريض", "300&nbsp;مريض")  # an HTML entity
lines[4] = lines[4].replace("الطلاب", "ﺍﻟﻄﻼﺏ")  # presentation forms
# 4. a conversion that turned every Arabic comma into a period; Windows line breaks
damaged = "\r\n".join(line.replace("،", ".") for line in lines) + "\r\n"
(ROOT / "samples" / "article.damaged.txt").write_text(damaged, encoding="utf-8", newline="")
print(damaged)
