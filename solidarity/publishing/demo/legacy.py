"""The two documents of the old website, cleaned by hand, with their Persian translations.

The English wording is kept exactly as published, typing slips included ("Support o Workers",
"Log live"), apostrophes as they were; only the layout changed: navigation, scraper debris and
the footer are gone, and lines hard-broken and hyphenated by a PDF are joined into paragraphs.
"""

import datetime

from solidarity.core.legacy_texts import CUPE_COMMITMENTS, CUPE_CONSIDERATIONS, LETTER_PARAGRAPHS

CUPE_RESOLUTION = {
    "slug": "cupe-ontario-resolution-21",
    "type": "news",
    "date": datetime.date(2012, 5, 28),
    "tags": {"en": ["CUPE", "resolutions", "sanctions and war"], "fa": ["کوپ", "قطعنامه‌ها", "تحریم و جنگ"]},
    "related": ["no-to-war-no-to-sanctions", "speaking-tour-ontario-2015"],
    "attachments": [("cupe-booklet", {
        "en": "Resolutions and Constitutional Amendments booklet",
        "fa": "دفترچهٔ قطعنامه‌ها و اصلاحیه‌های اساسنامه (به انگلیسی)",
    })],
    "en": {
        "title": "CUPE Ontario adopted a strong resolution in solidarity with workers in Iran",
        "summary": (
            "Delegates at the 49th Annual CUPE Ontario Convention adopted Resolution No. 21 in solidarity "
            "with workers in Iran, submitted by Local 4400 and the International Solidarity Committee."
        ),
        "body": [
            ("paragraph",
             "<p>Delegates at the 49th Annual CUPE Ontario Convention, May 23-26, 2012 adopted resolution 21 in "
             "solidarity with workers in Iran. This is an important resolution that will hopefully help "
             "strengthen worker-to-worker solidarity amongst the Canadian and Iranian labour movements. "
             "International Alliance in Support o Workers in Iran supports this resolution and expresses its "
             "gratitude to our friends and comrades in the CUPE for adopting the resolution. We are ready and "
             "prepared to provide any necessary information and support to further the objectives of this "
             "resolution.</p>"),
            ("heading", "Resolution No. 21"),
            ("paragraph", "<p>Submitted by Local 4400 and International Solidarity Committee</p>"),
            ("paragraph", "<p>CUPE Ontario will:</p>"),
            ("list", CUPE_COMMITMENTS),
            ("list", CUPE_CONSIDERATIONS),
        ],
    },
    "fa": {
        "title": "کوپ انتاریو قطعنامه‌ای قاطع در همبستگی با کارگران ایران تصویب کرد",
        "summary": (
            "نمایندگان چهل‌ونهمین کنگرهٔ سالانهٔ کوپ انتاریو قطعنامهٔ شمارهٔ ۲۱ را در همبستگی با کارگران ایران "
            "تصویب کردند؛ قطعنامه‌ای که شاخهٔ محلی ۴۴۰۰ و کمیتهٔ همبستگی بین‌المللی پیشنهاد کرده بودند."
        ),
        "body": [
            ("paragraph",
             "<p><em>ترجمهٔ فارسی؛ متن اصلی این خبر و قطعنامه به زبان انگلیسی است.</em></p>"),
            ("paragraph",
             "<p>نمایندگان چهل‌ونهمین کنگرهٔ سالانهٔ کوپ انتاریو (اتحادیهٔ کارکنان بخش عمومی کانادا در استان "
             "انتاریو)، که از ۲۳ تا ۲۶ مه ۲۰۱۲ برگزار شد، قطعنامهٔ ۲۱ را در همبستگی با کارگران ایران تصویب کردند. "
             "این قطعنامه‌ای مهم است که امیدواریم به تقویت همبستگی کارگر با کارگر میان جنبش‌های کارگری کانادا و "
             "ایران یاری رساند. اتحاد بین‌المللی در حمایت از کارگران در ایران از این قطعنامه پشتیبانی می‌کند و از "
             "دوستان و رفقای خود در کوپ برای تصویب آن سپاسگزار است. ما آماده‌ایم هر اطلاعات و پشتیبانی لازم را "
             "برای پیشبرد اهداف این قطعنامه فراهم کنیم.</p>"),
            ("heading", "قطعنامهٔ شمارهٔ ۲۱"),
            ("paragraph", "<p>پیشنهاددهندگان: شاخهٔ محلی ۴۴۰۰ و کمیتهٔ همبستگی بین‌المللی</p>"),
            ("paragraph", "<p>کوپ انتاریو:</p>"),
            ("list", [
                "آزار و پیگرد فعالان کارگری در ایران از سوی حکومت ایران را محکوم می‌کند و از حق کارگران ایران "
                "برای ایجاد آزادانهٔ تشکل‌های مستقل کارگری پشتیبانی می‌کند.",
                "با تشکل‌های مستقل کارگری در ایران برای تقویت همبستگی کارگر با کارگر همکاری می‌کند، به‌عنوان "
                "بخشی از مبارزهٔ جهانی علیه برنامهٔ سرمایه‌داری و نئولیبرال.",
                "موضعی روشن در برابر تحریم‌های اقتصادی و هرگونه تلاش ایالات متحده و متحدانش، از جمله کانادا، "
                "برای دخالت نظامی علیه ایران می‌گیرد.",
            ]),
            ("list", [
                "سیاست‌های ضدکارگری و سرکوبگرانهٔ حکومت همواره با خشونت بر کارگران ایران تحمیل شده است.",
                "کارگران ایران حق تشکل و اعتصاب ندارند و اغلب با آزار، بازداشت و زندان روبه‌رو می‌شوند.",
                "تحریم‌های اقتصادی و دخالت نظامی علیه ایران، به هر بهانه‌ای، فاجعه‌بار و پذیرفتنی نیست و "
                "قربانیان اصلی آن بی‌گمان مردم کارگر و عادی ایران‌اند.",
                "تلاش ایالات متحده و متحدانش برای به راه انداختن جنگ علیه ایران بهانه‌ای برای حملهٔ بیشتر به "
                "حقوق کارگران و حقوق بشر از سوی هر دو طرف این کشمکش بوده است.",
            ]),
        ],
    },
}

LETTER_SUBJECT = (
    "RE: Solidarity Message to: Asian Conference In defence of peace and nations’ rights, in defence of the "
    "labour movement’s independence from world governance."
)
LETTER_HELD = "Held in Mumbai 19-21 January, 2008"
LETTER_SALUTATION = "Dear Comrades;"
LETTER_CLOSING = "Best wishes for all of you!"
LETTER_SIGNATURE = "International Alliance in Support of Workers in Iran (IASWI)"
LETTER_DATE = "January 14, 2008"

LETTER_PARAGRAPHS_FA = [
    "اتحاد بین‌المللی در حمایت از کارگران در ایران (IASWI) گرم‌ترین درودهای همبستگی خود را به فدراسیون "
    "اتحادیه‌های کارگری سراسر پاکستان (APTUF) و کنفرانس آسیایی که در روزهای ۱۹ تا ۲۱ ژانویهٔ ۲۰۰۸ در بمبئی "
    "هند برگزار می‌شود، می‌فرستد. بسیار سپاسگزاریم که ما را به این کنفرانس مهم، که هدفش دفاع از صلح و استقلال "
    "جنبش کارگری است، دعوت کردید. متأسفانه به دلیل مشکلات زمانی و مالی نتوانستیم نماینده‌ای به این کنفرانس "
    "بفرستیم؛ با این حال برای همهٔ شرکت‌کنندگان در این کنفرانس نتیجه‌ای بسیار موفق به سود طبقهٔ کارگر در "
    "شبه‌قارهٔ هند، آسیا و سراسر جهان آرزو می‌کنیم.",

    "اتحاد بین‌المللی از سال ۱۹۹۹ برای به راه انداختن کارزارهای همبستگی بین‌المللی در حمایت از مبارزات کارگران "
    "در ایران شکل گرفته است. در ایران نیز، مانند دیگر نقاط جهان، طبقهٔ کارگر در شرایطی به‌شدت خصمانه در برابر "
    "حکومت‌های سرکوبگر، کارفرمایان و طبقات حاکم سرمایه‌دار ایستادگی می‌کند. ما با رژیمی سرمایه‌دار و سرکوبگر "
    "اسلامی روبه‌رو هستیم که در ۲۸ سال گذشته حقوق و آزادی‌های کارگران و حقوق بشر را با خشونت لگدمال کرده است. "
    "کارگران و نیروهای مترقی پیوسته تحت پیگرد قرار می‌گیرند، بازداشت و زندانی می‌شوند. جمهوری اسلامی ایران حق "
    "تشکل و اعتصاب را به رسمیت نمی‌شناسد و حقوق کارگران و حقوق بشر را بی‌رحمانه سرکوب می‌کند. پس در ایران، زیر "
    "سلطهٔ رژیم سرکوبگر اسلامی، عدالتی برای کارگران و اکثریت مردم وجود ندارد. به همین ترتیب، نیروهای ارتجاعی "
    "اسلامی در دیگر نقاط منطقه، برای نمونه در پاکستان یا افغانستان، نه‌تنها به هیچ شکل و صورتی مترقی یا "
    "ضدامپریالیست نیستند، بلکه خود ستمگر و مانعی بزرگ بر سر راه شکل‌گیری همبستگی و اتحاد طبقهٔ کارگر علیه "
    "سرمایه‌داری و حکومت‌های سرکوبگر و برای عدالت و صلح واقعی بوده‌اند.",

    "این ما را به مسئلهٔ صلح می‌رساند. تأکید بر این نکته مهم است که تلاش دولت آمریکا برای به راه انداختن جنگ و "
    "تجاوز نظامی در منطقه، جدا از منافع اقتصادی و سیاسی امپریالیستی‌اش، بهانه‌ای برای حمله به حقوق کارگری، "
    "مدنی، مهاجران و حقوق بشر در آمریکا و دیگر نقاط جهان بوده است. در عراق، این سیاست‌ها فاجعه‌ای تمام‌عیار "
    "برای مردم عراق به بار آورده است. دربارهٔ ایران، آنچه اکنون میان آمریکا و متحدان اروپایی‌اش و رژیم "
    "سرمایه‌دار جمهوری اسلامی در ایران می‌گذرد هیچ طرف مترقی یا مشروعی ندارد. دیدگاه طبقهٔ کارگر در چنین "
    "کشمکش ارتجاعی‌ای جانب هیچ طرفی را نمی‌گیرد. دولت ایالات متحده، که سال‌ها با همدستی شرکت‌ها و صنایع "
    "بسیاری از حقوق و حمایت‌های کارگران را از آنان گرفته است، به‌عنوان خطرناک‌ترین قدرت هسته‌ای و نظامی و تنها "
    "دولتی که تاکنون بمب اتمی را علیه مردم به کار برده، هیچ اعتباری ندارد؛ به همین ترتیب، جمهوری اسلامی ایران، "
    "که صدها هزار فعال کارگری، سوسیالیست، فعال حقوق بشر، دانشجو و روشنفکر را کشته یا زندانی کرده و میلیون‌ها "
    "نفر را به تبعید فرستاده است، هیچ مشروعیتی نزد مردم ایران ندارد، به‌ویژه در چشم طبقهٔ کارگر، زنان، جوانان "
    "و تهیدستان روزافزون کشور. موضعی مترقی در دفاع از صلح و استقلال جنبش کارگری نه‌تنها با هر تلاشی برای جنگ "
    "یا تحریم اقتصادی علیه ایران مخالفت می‌کند، بلکه باید هم‌زمان از مبارزات روزافزون کارگران علیه رژیم "
    "سرکوبگر اسلامی و سرمایه‌داران در ایران پشتیبانی کند؛ همان‌هایی که تهاجمی‌ترین و خشن‌ترین سیاست‌های "
    "ضدکارگری و نئولیبرال تاریخ معاصر این کشور را به زور اجرا می‌کنند.",

    "طبقهٔ کارگر به‌فوریت به تشکل‌هایی مستقل، نیرومند و گسترده نیاز دارد که بتوانند به سود طبقهٔ ما و کل "
    "جامعهٔ انسانی با حکومت‌ها و سرمایه‌داران مبارزه کنند.",

    "منطقهٔ ما منطقه‌ای بسیار پیچیده است؛ از همین رو ضروری است که همهٔ ما گفت‌وگوها و ابتکارهای همبستگی خود را "
    "ادامه دهیم تا مسائل و موانع یکدیگر را بهتر بشناسیم و راه‌های مؤثری برای ساختن همبستگی و همکاری طبقاتی "
    "پایدار میان خود بیابیم. ما باید جنبش‌های کارگری مترقی و کارآمدی بسازیم تا در برابر سرمایه‌داری و "
    "حکومت‌هایش و دیگر نیروهای ارتجاعی در کشورهایمان، در کل منطقه و در سراسر جهان بایستیم.",

    "لطفاً ما را از نتایج کنفرانس آگاه کنید. امیدواریم بتوانیم سال‌های سال گفت‌وگو و ابتکارهای همبستگی خود "
    "را ادامه دهیم.",

    "زنده باد همبستگی بین‌المللی کارگران",
]


def _letter_body(*, note, subject, held, salutation, paragraphs, closing, signature, date):
    parts = [note] if note else []
    parts += [f"<p><strong>{subject}</strong></p>", f"<p>{held}</p>", f"<p>{salutation}</p>"]
    parts += [f"<p>{paragraph}</p>" for paragraph in paragraphs]
    parts += [f"<p>{closing}</p>", f"<p>{signature}</p>", f"<p>{date}</p>"]
    return [("paragraph", part) for part in parts]


APTUF_LETTER = {
    "slug": "solidarity-message-aptuf-mumbai-2008",
    "type": "letter",
    "date": datetime.date(2008, 1, 14),
    "tags": {"en": ["solidarity messages", "APTUF", "sanctions and war"], "fa": ["پیام‌های همبستگی", "APTUF", "تحریم و جنگ"]},
    "related": ["may-day-2009-messages", "no-to-war-no-to-sanctions"],
    "en": {
        "title": "Solidarity message to the Asian Conference in Mumbai and to APTUF",
        "summary": (
            "Invited by the All Pakistan Trade Union Federation to the Asian Conference in defence of peace and "
            "of the labour movement's independence (Mumbai, 19-21 January 2008), the alliance could not send a "
            "representative and sent this message instead."
        ),
        "body": _letter_body(
            note="", subject=LETTER_SUBJECT, held=LETTER_HELD, salutation=LETTER_SALUTATION,
            paragraphs=LETTER_PARAGRAPHS, closing=LETTER_CLOSING, signature=LETTER_SIGNATURE, date=LETTER_DATE,
        ),
    },
    "fa": {
        "title": "پیام همبستگی به فدراسیون اتحادیه‌های کارگری سراسر پاکستان و کنفرانس آسیایی بمبئی",
        "summary": (
            "فدراسیون اتحادیه‌های کارگری سراسر پاکستان اتحاد را به کنفرانس آسیایی در دفاع از صلح و استقلال جنبش "
            "کارگری (بمبئی، ۱۹ تا ۲۱ ژانویهٔ ۲۰۰۸) دعوت کرده بود؛ اتحاد نتوانست نماینده‌ای بفرستد و به جای آن این "
            "پیام را فرستاد."
        ),
        "body": _letter_body(
            note="<p><em>ترجمهٔ فارسی؛ متن اصلی این پیام به زبان انگلیسی فرستاده شده است.</em></p>",
            subject=(
                "موضوع: پیام همبستگی به کنفرانس آسیایی در دفاع از صلح و حقوق ملت‌ها، در دفاع از استقلال جنبش "
                "کارگری از حکمرانی جهانی"
            ),
            held="بمبئی، ۱۹ تا ۲۱ ژانویهٔ ۲۰۰۸",
            salutation="رفقای گرامی،",
            paragraphs=LETTER_PARAGRAPHS_FA,
            closing="با بهترین آرزوها برای همهٔ شما!",
            signature="اتحاد بین‌المللی در حمایت از کارگران در ایران (IASWI)",
            date="۱۴ ژانویهٔ ۲۰۰۸",
        ),
    },
}
