"""The two documents of the old website, cleaned by hand, with their Persian translations.

The English wording is kept exactly as published, typing slips included ("Support o Workers",
"Log live"), apostrophes as they were; only the layout changed: navigation, scraper debris and
the footer are gone, and lines hard-broken and hyphenated by a PDF are joined into paragraphs.
"""

import datetime

CUPE_COMMITMENTS = [
    "Condemn the persecution of labour activists in Iran by the Iranian government and support the right "
    "of Iranian workers to freely establish independent workers’ organizations.",
    "Work with independent labour organizations in Iran to strengthen worker-to-worker solidarity, as part "
    "of the world-wide struggle against the capitalist and neoliberal agenda.",
    "Take a clear stand against economic sanctions and any attempts by the U.S. and its allies, including "
    "Canada, to pursue military interventions against Iran.",
]

# The "whereas" clauses: the published page lists them without a heading.
CUPE_CONSIDERATIONS = [
    "The government's anti-worker and repressive policies have consistently been violently imposed on "
    "workers in Iran.",
    "Iranian workers have no right to organize or strike and often face persecution, arrests and imprisonment.",
    "Economic sanctions and military intervention against Iran will be disastrous and unacceptable under any "
    "pretext and its main victims are surely the working and ordinary people of Iran.",
    "The US and its allies' drive to wage war against Iran has been a pretext for increased attacks on "
    "workers’ and human rights by both sides of the current dispute.",
]

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
LETTER_PARAGRAPHS = [
    "The International Alliance in Support of Workers in Iran (IASWI) sends its warmest solidarity greetings "
    "to the All Pakistan Trade Union Federation (APTUF) and the Asian Conference that is taking place on "
    "19-21 January, 2008, in Mumbai, India. We thank you very much for inviting us to attend this important "
    "conference, which aims to defend peace and the independence of the labour movement. Unfortunately, due "
    "to schedule and financial difficulties, we could not send any representative to this conference; "
    "however, we wish all participants at this conference a very successful outcome for the interest of the "
    "working class in the Indian sub-continent, Asia and around the world.",

    "The IASWI has been formed since 1999 to launch international solidarity campaigns in support of "
    "workers’ struggles in Iran. In Iran, like the rest of the world, the working class has been fighting "
    "back against the repressive governments, employers and the ruling capitalist classes under enormously "
    "hostile conditions. We are facing a capitalist and repressive Islamic regime which, for the past 28 "
    "years, has violently brutalized workers’ and human rights and freedoms. Workers and progressive forces "
    "are constantly persecuted, arrested and imprisoned. The Islamic Republic of Iran does not recognize the "
    "rights to organize and strike and brutally suppresses workers’ and human rights. So, there is no justice "
    "in Iran for workers and the majority of populations under the repressive Islamic regime. Similarly, "
    "reactionary Islamic forces in other parts of the region, for instance in Pakistan or Afghanistan, not "
    "only are not, in any form and shape, progressive or anti-imperialist whatsoever but they have been "
    "oppressors and major barriers to the formation of the working class solidarity and unity against "
    "capitalism, repressive governments and for true justice and peace.",

    "This brings us to the issue of peace. It is important to emphasize that the US Administration’s drive to "
    "wage war and military aggressions in the region, beside their imperialistic economic and political "
    "interests, has been a pretext for attacks on labour, civil, immigrant, and human rights in the US and "
    "other parts of the world. In Iraq, these policies have brought absolute disaster for the Iraqi people. "
    "About Iran, what is taking place presently, between the US and its European allies and the capitalist "
    "Islamic Republic regime in Iran, has no progressive or legitimate sides. A working class perspective does "
    "not take sides in such a reactionary dispute. The United States government, which in collaboration with "
    "businesses and industries has for years stripped workers of so many of their rights and protections, as "
    "the most dangerous nuclear and military power and the only government ever used the atomic bomb against "
    "people, has no credibility at all; similarly, the Islamic Republic of Iran, which has killed or "
    "imprisoned hundreds of thousands of labour activists, socialists, human rights activists, students and "
    "intellectuals and sent millions to exile has absolutely no legitimacy for the Iranian people, "
    "particularly in the eyes of the working class, women, youth and the ever-growing poor populations in the "
    "country. A progressive position in defence of peace and the independence of the labour movement not only "
    "opposes any attempts to pursue war or economic sanctions against Iran, it ought, at the same time, "
    "support the ever-increasing workers’ struggles against the repressive Islamic regime and capitalists in "
    "Iran, which are forcefully implementing the most aggressive and violent anti-worker and neo-liberal "
    "policies in this country’s contemporary history.",

    "The working class urgently needs to form independent, strong and broad-based organizations that can "
    "fight governments and capitalists for the benefit of our class and the whole human society.",

    "Our region is a very complicated one; that is why it is so essential that we all continue with our "
    "dialogues and solidarity initiatives to better understand each others’ issues and barriers as well as "
    "finding effective ways to building lasting class solidarity and cooperation amongst us. We need to build "
    "effective progressive labour movements in order to confront capitalism and their governments and other "
    "reactionary forces in our countries, the whole region and around the world.",

    "Please inform us of the outcome of the conference. We hope that we will be able to continue our dialogue "
    "and solidarity initiatives for many more years to come.",

    "Log live workers’ international solidarity",
]
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
