"""The demo's articles, 2007-2026, in English and Persian.

Each article is a dict: `slug` (of the original), `type`, `date`, `tags` and the text per language
("en" and/or "fa": title, summary, body as stream blocks). An article with only one of the two
languages exists only in that language. `related` names other articles by slug; `attachments` and
image/document blocks name files from `files.FILES` by key.
"""

import datetime

from .legacy import APTUF_LETTER, CUPE_RESOLUTION

OSANLOO_2007 = {
    "slug": "free-mansour-osanloo",
    "type": "statement",
    "date": datetime.date(2007, 7, 20),
    "tags": {"en": ["jailed activists", "bus workers"], "fa": ["فعالان زندانی", "کارگران شرکت واحد"]},
    "related": ["arrests-of-union-activists-2022", "letter-to-the-ilo-2026"],
    "en": {
        "title": "Free Mansour Osanloo and all jailed bus workers",
        "summary": (
            "The president of the Tehran bus workers' union has been arrested again. We call on unions "
            "everywhere to demand his immediate and unconditional release."
        ),
        "body": [
            ("paragraph",
             "<p>On 10 July 2007 Mansour Osanloo, president of the Syndicate of Workers of Tehran and Suburbs "
             "Bus Company, was taken by security agents in Tehran. It is not the first time: he has been "
             "arrested and held before for nothing more than organising his fellow drivers and conductors "
             "into a union of their own.</p>"
             "<p>The bus workers' syndicate has asked for what workers everywhere take for granted: a "
             "contract, wages that keep up with prices, and the right to bargain. For this its members have "
             "been beaten, dismissed and jailed.</p>"),
            ("quote", {"text": "An injury to one is an injury to all.", "attribution": "A principle of the labour movement"}),
            ("heading", "What your union can do"),
            ("list", [
                "Send a protest message to the Iranian authorities and a copy to the Iranian embassy in your country.",
                "Put a motion to your local or branch meeting calling for his release.",
                "Ask your national union to raise the case with the International Labour Organization.",
                "Tell us what you have done, so that the workers in Iran hear of it.",
            ]),
        ],
    },
    "fa": {
        "title": "منصور اسانلو و همهٔ کارگران زندانی شرکت واحد را آزاد کنید",
        "summary": (
            "رئیس هیئت‌مدیرهٔ سندیکای کارگران شرکت واحد بار دیگر بازداشت شده است. از تشکل‌های کارگری در "
            "همه‌جا می‌خواهیم آزادی فوری و بی‌قیدوشرط او را خواستار شوند."
        ),
        "body": [
            ("paragraph",
             "<p>روز ۱۰ ژوئیهٔ ۲۰۰۷ (۱۹ تیر ۱۳۸۶) منصور اسانلو، رئیس هیئت‌مدیرهٔ سندیکای کارگران شرکت واحد "
             "اتوبوسرانی تهران و حومه، به دست مأموران امنیتی در تهران بازداشت شد. این نخستین بار نیست: او "
             "پیش‌تر هم تنها به این دلیل که همکاران راننده و کمک‌راننده‌اش را در سندیکایی مستقل سازمان داده "
             "بود، بازداشت و زندانی شده است.</p>"
             "<p>سندیکای شرکت واحد همان چیزی را خواسته است که کارگران در همه‌جا حق خود می‌دانند: قرارداد کار، "
             "دستمزدی که پابه‌پای گرانی بالا برود و حق مذاکرهٔ جمعی. اعضای آن برای همین خواسته‌ها کتک خورده‌اند، "
             "اخراج شده‌اند و به زندان افتاده‌اند.</p>"),
            ("quote", {"text": "آسیب به یکی، آسیب به همه است.", "attribution": "از اصول جنبش کارگری"}),
            ("heading", "اتحادیهٔ شما چه می‌تواند بکند"),
            ("list", [
                "پیام اعتراضی به مقامات جمهوری اسلامی بفرستید و رونوشت آن را به سفارت ایران در کشور خود بدهید.",
                "در نشست شاخه یا اتحادیهٔ محلی خود قطعنامه‌ای برای آزادی او به رأی بگذارید.",
                "از اتحادیهٔ سراسری خود بخواهید پروندهٔ او را در سازمان بین‌المللی کار مطرح کند.",
                "ما را از کارهایی که کرده‌اید باخبر کنید تا کارگران در ایران هم از آن آگاه شوند.",
            ]),
        ],
    },
}

MAY_DAY_2009 = {
    "slug": "may-day-2009-messages",
    "type": "news",
    "date": datetime.date(2009, 5, 4),
    "tags": {"en": ["solidarity messages", "May Day"], "fa": ["پیام‌های همبستگی", "اول ماه مه"]},
    "related": ["solidarity-message-aptuf-mumbai-2008", "free-mansour-osanloo"],
    "en": {
        "title": "May Day 2009: messages from unions abroad reach workers in Iran",
        "summary": (
            "While a May Day gathering in Tehran was broken up and many were arrested, unions in a dozen "
            "countries sent messages of solidarity to the workers of Iran."
        ),
        "body": [
            ("paragraph",
             "<p>In Tehran, workers who gathered in Laleh Park on 1 May to mark International Workers' Day "
             "were attacked by security forces, and many were arrested. Independent workers' organisations "
             "had called the gathering to demand the right to organise, an end to temporary contracts and "
             "the payment of wages months in arrears.</p>"
             "<p>In the days before and after May Day we received messages of solidarity from union locals, "
             "national unions and labour councils in Canada, the United States, Britain, France, Sweden and "
             "elsewhere. We have translated them into Persian and passed them on.</p>"),
            ("image", {
                "image": "may-day-banner",
                "caption": "A May Day banner carried by members of our branches abroad.",
                "alt_text": "A red banner reading: May Day 2009, Workers of the world, unite! Solidarity with workers in Iran.",
            }),
            ("heading", "What the messages asked for"),
            ("list", [
                "The release of everyone arrested on May Day.",
                "Recognition of the independent unions that workers in Iran have formed.",
                "Payment of all wages owed.",
            ]),
        ],
    },
    "fa": {
        "title": "اول ماه مه ۲۰۰۹: پیام‌های اتحادیه‌های خارج از کشور به کارگران ایران رسید",
        "summary": (
            "در حالی که تجمع روز جهانی کارگر در تهران سرکوب شد و بسیاری بازداشت شدند، اتحادیه‌هایی از ده‌ها "
            "کشور برای کارگران ایران پیام همبستگی فرستادند."
        ),
        "body": [
            ("paragraph",
             "<p>در تهران، کارگرانی که روز اول ماه مه برای گرامیداشت روز جهانی کارگر در پارک لاله گرد آمده "
             "بودند، مورد حملهٔ نیروهای امنیتی قرار گرفتند و بسیاری بازداشت شدند. تشکل‌های مستقل کارگری این "
             "تجمع را برای خواست حق تشکل، برچیده شدن قراردادهای موقت و پرداخت دستمزدهای معوقه فراخوانده "
             "بودند.</p>"
             "<p>در روزهای پیش و پس از اول ماه مه، پیام‌های همبستگی از اتحادیه‌های محلی، اتحادیه‌های سراسری و "
             "شوراهای کارگری در کانادا، ایالات متحده، بریتانیا، فرانسه، سوئد و جاهای دیگر به دست ما رسید. آن‌ها "
             "را به فارسی ترجمه کرده‌ایم و به کارگران رسانده‌ایم.</p>"),
            ("image", {
                "image": "may-day-banner",
                "caption": "پلاکارد اول ماه مه که اعضای شاخه‌های ما در خارج از کشور در دست داشتند.",
                "alt_text": "پلاکاردی سرخ با این نوشته به انگلیسی: اول ماه مه ۲۰۰۹، کارگران جهان متحد شوید! همبستگی با کارگران ایران.",
            }),
            ("heading", "خواست‌های این پیام‌ها"),
            ("list", [
                "آزادی همهٔ کسانی که در روز اول ماه مه بازداشت شدند.",
                "به رسمیت شناختن تشکل‌های مستقلی که کارگران ایران ساخته‌اند.",
                "پرداخت همهٔ دستمزدهای معوقه.",
            ]),
        ],
    },
}

ILO_REPORT_2010 = {
    "slug": "workers-rights-report-ilo-2010",
    "type": "report",
    "date": datetime.date(2010, 6, 2),
    "tags": {"en": ["ILO", "jailed activists"], "fa": ["سازمان بین‌المللی کار", "فعالان زندانی"]},
    "related": ["haft-tappeh-interview-2013", "letter-to-the-ilo-2026"],
    "en": {
        "title": "Workers' rights in Iran: our report to the International Labour Conference",
        "summary": (
            "Freedom of association denied, union activists in prison, wages unpaid for months: the report we "
            "took to the delegates in Geneva."
        ),
        "body": [
            ("paragraph",
             "<p>Each June, governments, employers and unions meet in Geneva for the International Labour "
             "Conference. This year we gave the workers' delegates a short report on the state of workers' "
             "rights in Iran, and asked them to raise it in the Committee on the Application of Standards.</p>"),
            ("heading", "Freedom of association"),
            ("paragraph",
             "<p>Iran has not ratified ILO Conventions 87 and 98. Independent unions are not recognised; the "
             "only bodies allowed in workplaces are the state-sponsored Islamic labour councils. Workers who "
             "have formed unions of their own, such as the bus workers of Tehran and the sugar cane workers of "
             "Haft Tappeh, have been harassed, dismissed and jailed.</p>"),
            ("heading", "Our recommendations"),
            ("list", [
                "Release every worker jailed for union activity and drop all charges.",
                "Ratify and apply ILO Conventions 87 and 98.",
                "Recognise the independent unions that workers have already formed.",
                "End the use of temporary contracts to deny workers their rights.",
            ]),
            ("document", {"document": "ilo-report", "title": "Read the full report (PDF)"}),
        ],
    },
    "fa": {
        "title": "حقوق کارگران در ایران: گزارش ما به کنفرانس بین‌المللی کار",
        "summary": (
            "نفی آزادی تشکل، فعالان سندیکایی در زندان، دستمزدهایی که ماه‌ها پرداخت نمی‌شود: گزارشی که به "
            "نمایندگان در ژنو دادیم."
        ),
        "body": [
            ("paragraph",
             "<p>هر سال در ماه ژوئن، نمایندگان دولت‌ها، کارفرمایان و کارگران در ژنو در کنفرانس بین‌المللی کار "
             "گرد هم می‌آیند. امسال گزارشی کوتاه دربارهٔ وضعیت حقوق کارگران در ایران به نمایندگان کارگری دادیم و "
             "از آنان خواستیم آن را در کمیتهٔ اجرای استانداردها مطرح کنند.</p>"),
            ("heading", "آزادی تشکل"),
            ("paragraph",
             "<p>ایران مقاوله‌نامه‌های ۸۷ و ۹۸ سازمان بین‌المللی کار را تصویب نکرده است. تشکل‌های مستقل "
             "به رسمیت شناخته نمی‌شوند و تنها نهادهای مجاز در محیط کار، شوراهای اسلامی کار وابسته به حکومت‌اند. "
             "کارگرانی که تشکل مستقل خود را ساخته‌اند، مانند رانندگان شرکت واحد تهران و کارگران نیشکر هفت‌تپه، "
             "آزار دیده‌اند، اخراج شده‌اند و به زندان افتاده‌اند.</p>"),
            ("heading", "پیشنهادهای ما"),
            ("list", [
                "همهٔ کارگرانی که به خاطر فعالیت سندیکایی زندانی‌اند آزاد شوند و همهٔ اتهام‌ها لغو شود.",
                "مقاوله‌نامه‌های ۸۷ و ۹۸ تصویب و اجرا شوند.",
                "تشکل‌های مستقلی که کارگران ساخته‌اند به رسمیت شناخته شوند.",
                "استفاده از قراردادهای موقت برای محروم کردن کارگران از حقوقشان پایان یابد.",
            ]),
            ("document", {"document": "ilo-report", "title": "متن کامل گزارش (PDF، به انگلیسی)"}),
        ],
    },
}

HAFT_TAPPEH_INTERVIEW_2013 = {
    "slug": "haft-tappeh-interview-2013",
    "type": "interview",
    "date": datetime.date(2013, 9, 16),
    "tags": {"en": ["Haft Tappeh", "unpaid wages"], "fa": ["هفت‌تپه", "دستمزدهای معوقه"]},
    "related": ["workers-rights-report-ilo-2010"],
    "en": {
        "title": "“We have not been paid for four months”: a Haft Tappeh worker speaks",
        "summary": (
            "A worker at the Haft Tappeh sugar cane company in Khuzestan talks about unpaid wages, the "
            "workers' syndicate and what solidarity from abroad means to them."
        ),
        "body": [
            ("paragraph",
             "<p><em>We spoke by telephone with a worker at the Haft Tappeh sugar cane company, near Shush in "
             "Khuzestan. We do not print his name, for his safety.</em></p>"),
            ("paragraph", "<p><b>How are things at Haft Tappeh today?</b></p>"
                          "<p>We have not been paid for four months. Men with thirty years in the company borrow "
                          "from relatives to buy bread. The management tells us there is no money, and the "
                          "government tells us to be patient.</p>"),
            ("paragraph", "<p><b>What has the syndicate been able to do?</b></p>"
                          "<p>The syndicate is the only voice we have. Every time we stop work, wages for a "
                          "month or two are paid. But the members of the board have been called to court again "
                          "and again, and some have lost their jobs.</p>"),
            ("quote", {
                "text": "When we hear that workers in another country know our names, we know we are not alone.",
                "attribution": "A Haft Tappeh worker",
            }),
            ("paragraph", "<p><b>What would you ask of unions abroad?</b></p>"
                          "<p>Write to the authorities when our representatives are summoned. Tell your members "
                          "about us. And do not believe that sanctions help us: they make the bosses richer and "
                          "us poorer.</p>"),
        ],
    },
    "fa": {
        "title": "«چهار ماه است حقوق نگرفته‌ایم»: گفت‌وگو با یک کارگر هفت‌تپه",
        "summary": (
            "کارگری از شرکت کشت و صنعت نیشکر هفت‌تپه در خوزستان از دستمزدهای معوقه، سندیکای کارگران و معنای "
            "همبستگی از خارج از کشور می‌گوید."
        ),
        "body": [
            ("paragraph",
             "<p><em>با یکی از کارگران شرکت نیشکر هفت‌تپه، نزدیک شوش در خوزستان، تلفنی گفت‌وگو کردیم. برای "
             "امنیت او نامش را نمی‌آوریم.</em></p>"),
            ("paragraph", "<p><b>این روزها وضع هفت‌تپه چطور است؟</b></p>"
                          "<p>چهار ماه است حقوق نگرفته‌ایم. کارگرانی که سی سال سابقه دارند برای خرید نان از "
                          "خویشانشان قرض می‌گیرند. مدیریت می‌گوید پول نیست و دولت می‌گوید صبر کنید.</p>"),
            ("paragraph", "<p><b>سندیکا تا امروز چه کرده است؟</b></p>"
                          "<p>سندیکا تنها صدای ماست. هر بار که دست از کار می‌کشیم، حقوق یکی دو ماه پرداخت "
                          "می‌شود. اما اعضای هیئت‌مدیره بارها به دادگاه احضار شده‌اند و چند نفرشان کارشان را از "
                          "دست داده‌اند.</p>"),
            ("quote", {
                "text": "وقتی می‌شنویم کارگران کشوری دیگر نام ما را می‌دانند، می‌فهمیم که تنها نیستیم.",
                "attribution": "یک کارگر هفت‌تپه",
            }),
            ("paragraph", "<p><b>از اتحادیه‌های خارج از کشور چه می‌خواهید؟</b></p>"
                          "<p>وقتی نمایندگان ما احضار می‌شوند، به مقامات نامه بنویسید. دربارهٔ ما با اعضایتان "
                          "حرف بزنید. و باور نکنید که تحریم به ما کمک می‌کند: کارفرماها را ثروتمندتر و ما را "
                          "فقیرتر می‌کند.</p>"),
        ],
    },
}

# Written for union members in Canada: it exists in English only.
SPEAKING_TOUR_2015 = {
    "slug": "speaking-tour-ontario-2015",
    "type": "news",
    "date": datetime.date(2015, 10, 20),
    "tags": {"en": ["CUPE", "solidarity messages"]},
    "related": ["cupe-ontario-resolution-21"],
    "en": {
        "title": "Speaking tour: eleven union meetings in Ontario hear about workers in Iran",
        "summary": (
            "Members of our Toronto branch spoke at union locals and labour councils across Ontario this "
            "autumn, three years after CUPE Ontario's Resolution No. 21."
        ),
        "body": [
            ("paragraph",
             "<p>Between September and October, members of our Toronto branch spoke at eleven meetings of "
             "union locals and labour councils in Toronto, Hamilton, Ottawa and London. Each talk covered the "
             "jailed bus and sugar cane workers, the effect of sanctions on wages and prices, and what locals "
             "can do.</p>"
             "<p>Three locals voted to send messages of solidarity, and two asked for the model resolution "
             "based on CUPE Ontario's Resolution No. 21 of 2012.</p>"),
            ("heading", "Bring the talk to your local"),
            ("paragraph",
             "<p>We are glad to speak at any union meeting, in person or by video. Write to us through the "
             "contact page and tell us the date and the size of the meeting.</p>"),
        ],
    },
}

# A message to the workers themselves, published in Persian only.
HAFT_TAPPEH_STRIKE_2018 = {
    "slug": "پشتیبانی-از-اعتصاب-کارگران-هفت-تپه",
    "type": "statement",
    "date": datetime.date(2018, 11, 20),
    "tags": {"fa": ["هفت‌تپه", "پیام‌های همبستگی"]},
    "fa": {
        "title": "ما در کنار کارگران اعتصابی هفت‌تپه هستیم",
        "summary": (
            "پیام اتحاد به کارگران نیشکر هفت‌تپه که بیش از دو هفته است در اعتراض به دستمزدهای پرداخت‌نشده "
            "و خصوصی‌سازی شرکت دست از کار کشیده‌اند."
        ),
        "body": [
            ("paragraph",
             "<p>کارگران شرکت نیشکر هفت‌تپه در شوش بیش از دو هفته است که در اعتصاب‌اند. آنان دستمزدهای چندماههٔ "
             "خود را می‌خواهند و به واگذاری شرکت به کسانی اعتراض می‌کنند که جز سود خود به چیزی فکر نمی‌کنند. "
             "هر روز صبح جلوی دفتر شرکت و در خیابان‌های شهر گرد می‌آیند و خانواده‌هایشان هم در کنارشان "
             "ایستاده‌اند.</p>"
             "<p>پاسخ حکومت به این خواست‌های ساده، بازداشت نمایندگان کارگران بوده است. ما آزادی فوری و "
             "بی‌قیدوشرط همهٔ کارگران بازداشت‌شده را خواستاریم.</p>"),
            ("heading", "پیام اتحادیه‌ها به کارگران هفت‌تپه"),
            ("paragraph",
             "<p>در این روزها پیام‌های همبستگی بسیاری از اتحادیه‌های کارگری در کانادا، بریتانیا، فرانسه و دیگر "
             "کشورها به دست ما رسیده است. این پیام‌ها را به فارسی برگردانده‌ایم و به کارگران می‌رسانیم. "
             "اتحادیه‌ها در این پیام‌ها از کارفرما و مقامات می‌خواهند که:</p>"),
            ("list", [
                "همهٔ دستمزدهای معوقهٔ کارگران بی‌درنگ پرداخت شود.",
                "نمایندگان بازداشت‌شدهٔ کارگران آزاد شوند و پرونده‌سازی علیه آنان پایان یابد.",
                "سندیکای کارگران هفت‌تپه به رسمیت شناخته شود.",
            ]),
            ("quote", {
                "text": "کارگران هفت‌تپه تنها نیستند. صدای آنان را به گوش هم‌طبقه‌ای‌هایشان در سراسر جهان می‌رسانیم.",
                "attribution": "اتحاد بین‌المللی در حمایت از کارگران در ایران",
            }),
        ],
    },
}

NO_TO_WAR_2020 = {
    "slug": "no-to-war-no-to-sanctions",
    "type": "statement",
    "date": datetime.date(2020, 1, 10),
    "tags": {"en": ["sanctions and war"], "fa": ["تحریم و جنگ"]},
    "related": ["cupe-ontario-resolution-21", "solidarity-message-aptuf-mumbai-2008"],
    "en": {
        "title": "No to war, no to sanctions: workers pay the price",
        "summary": (
            "As the United States and Iran come to the edge of open war, we repeat: neither side speaks for "
            "the workers, and working people are the first victims of sanctions and bombs alike."
        ),
        "body": [
            ("paragraph",
             "<p>In the first days of 2020 the governments of the United States and Iran brought the region to "
             "the edge of open war. Working people have nothing to gain from it. Years of sanctions have already "
             "emptied their tables: prices of food and medicine have soared, factories have closed, and wages, "
             "when they are paid at all, buy less every month.</p>"
             "<p>At the same time the Islamic Republic uses the threat of war to silence every protest at home. "
             "Strikers are called agents of the enemy; union activists are tried for acting against national "
             "security.</p>"),
            ("quote", {
                "text": "Economic sanctions and military intervention against Iran will be disastrous and "
                        "unacceptable under any pretext.",
                "attribution": "CUPE Ontario, Resolution No. 21 (2012)",
            }),
            ("heading", "We call on unions to"),
            ("list", [
                "Oppose any military attack on Iran and any sanctions that hit working people.",
                "Defend the right of workers in Iran to organise and strike.",
                "Demand the release of every jailed labour activist.",
            ]),
        ],
    },
    "fa": {
        "title": "نه به جنگ، نه به تحریم: هزینه‌اش را کارگران می‌پردازند",
        "summary": (
            "اکنون که آمریکا و ایران تا لبهٔ جنگ آشکار پیش رفته‌اند، باز می‌گوییم: هیچ‌یک از دو طرف سخنگوی "
            "کارگران نیست و مردم کارگر و زحمتکش نخستین قربانیان تحریم و بمب‌اند."
        ),
        "body": [
            ("paragraph",
             "<p>در نخستین روزهای سال ۲۰۲۰ دولت‌های آمریکا و ایران منطقه را تا لبهٔ جنگی آشکار پیش بردند. مردم "
             "کارگر و زحمتکش از این جنگ هیچ سودی نمی‌برند. سال‌ها تحریم پیشاپیش سفرهٔ آنان را خالی کرده است: "
             "بهای خوراک و دارو سر به فلک کشیده، کارخانه‌ها تعطیل شده‌اند و دستمزدها، اگر اصلاً پرداخت شوند، هر ماه "
             "ارزش کمتری دارند.</p>"
             "<p>در همان حال جمهوری اسلامی از تهدید جنگ برای خاموش کردن هر اعتراضی در داخل بهره می‌گیرد. "
             "اعتصاب‌کنندگان را عوامل دشمن می‌نامند و فعالان سندیکایی را به اتهام اقدام علیه امنیت ملی محاکمه "
             "می‌کنند.</p>"),
            ("quote", {
                "text": "تحریم‌های اقتصادی و دخالت نظامی علیه ایران، به هر بهانه‌ای، فاجعه‌بار و پذیرفتنی نیست.",
                "attribution": "کوپ انتاریو، قطعنامهٔ شمارهٔ ۲۱ (۲۰۱۲)",
            }),
            ("heading", "از اتحادیه‌ها می‌خواهیم که"),
            ("list", [
                "با هرگونه حملهٔ نظامی به ایران و هر تحریمی که به مردم کارگر آسیب می‌زند مخالفت کنند.",
                "از حق تشکل و اعتصاب کارگران ایران دفاع کنند.",
                "آزادی همهٔ فعالان کارگری زندانی را خواستار شوند.",
            ]),
        ],
    },
}

ARRESTS_2022 = {
    "slug": "arrests-of-union-activists-2022",
    "type": "report",
    "date": datetime.date(2022, 6, 15),
    "tags": {
        "en": ["jailed activists", "teachers", "bus workers"],
        "fa": ["فعالان زندانی", "معلمان", "کارگران شرکت واحد"],
    },
    "related": ["free-mansour-osanloo", "letter-to-the-ilo-2026"],
    "en": {
        "title": "Teachers, bus workers and retirees: a spring of protests and arrests",
        "summary": (
            "Our report on the wave of arrests that followed the teachers' and retirees' protests in the spring "
            "of 2022, and on how unions abroad responded."
        ),
        "body": [
            ("paragraph",
             "<p>In the spring of 2022 teachers, retirees and workers in many cities took to the streets over "
             "wages and pensions that no longer pay for a month's rent. Security forces answered with arrests: "
             "activists of the teachers' trade associations were detained in several provinces, and members of "
             "the bus workers' syndicate in Tehran were taken from their homes.</p>"),
            ("heading", "What we know"),
            ("list", [
                "Dozens of teachers' union activists were detained between April and June.",
                "Several were charged with gathering and colluding against national security.",
                "Families were warned not to speak to the press or to anyone abroad.",
                "Some were released on heavy bail; others remain in prison.",
            ]),
            ("heading", "The response abroad"),
            ("paragraph",
             "<p>Education unions in Europe and North America wrote to the Iranian authorities and raised the "
             "arrests at the International Labour Organization. We have sent their letters, translated, to the "
             "families and colleagues of those detained.</p>"),
        ],
    },
    "fa": {
        "title": "معلمان، کارگران شرکت واحد و بازنشستگان: بهاری از اعتراض و بازداشت",
        "summary": (
            "گزارش ما از موج بازداشت‌هایی که در بهار ۱۴۰۱ در پی اعتراض‌های معلمان و بازنشستگان آغاز شد، و "
            "واکنش اتحادیه‌های خارج از کشور."
        ),
        "body": [
            ("paragraph",
             "<p>در بهار ۱۴۰۱ معلمان، بازنشستگان و کارگران در شهرهای بسیاری در اعتراض به دستمزدها و "
             "مستمری‌هایی که دیگر کفاف اجارهٔ یک ماه را هم نمی‌دهد به خیابان آمدند. پاسخ نیروهای امنیتی بازداشت "
             "بود: فعالان تشکل‌های صنفی معلمان در چند استان بازداشت شدند و اعضای سندیکای کارگران شرکت واحد در "
             "تهران از خانه‌هایشان برده شدند.</p>"),
            ("heading", "آنچه می‌دانیم"),
            ("list", [
                "ده‌ها فعال صنفی معلمان از فروردین تا خرداد بازداشت شدند.",
                "چند نفر به «اجتماع و تبانی علیه امنیت ملی» متهم شدند.",
                "به خانواده‌ها هشدار داده شد که با رسانه‌ها یا کسی در خارج از کشور گفت‌وگو نکنند.",
                "برخی با وثیقه‌های سنگین آزاد شدند و برخی دیگر هنوز در زندان‌اند.",
            ]),
            ("heading", "واکنش در خارج از کشور"),
            ("paragraph",
             "<p>اتحادیه‌های آموزشی در اروپا و آمریکای شمالی به مقامات ایران نامه نوشتند و بازداشت‌ها را در "
             "سازمان بین‌المللی کار مطرح کردند. ترجمهٔ نامه‌هایشان را برای خانواده‌ها و همکاران بازداشت‌شدگان "
             "فرستاده‌ایم.</p>"),
        ],
    },
}

WOMEN_WORKERS_2023 = {
    "slug": "women-workers-march-8-2023",
    "type": "statement",
    "date": datetime.date(2023, 3, 8),
    "tags": {"en": ["women workers"], "fa": ["زنان کارگر"]},
    "related": ["arrests-of-union-activists-2022"],
    "en": {
        "title": "8 March: women workers in Iran are on the front line",
        "summary": (
            "On International Women's Day we salute the women workers, teachers and nurses of Iran, who carry "
            "the heaviest burden and lead many of the struggles."
        ),
        "body": [
            ("paragraph",
             "<p>Women in Iran are paid less, hired last and dismissed first. Most work on temporary contracts "
             "or with no contract at all, in workshops, in homes and in the fields, where no labour law reaches. "
             "Yet women teachers, nurses and workers have been among the most determined organisers of the past "
             "years, and many have paid for it with prison.</p>"),
            ("quote", {
                "text": "We want bread, work and freedom, and we want them for all of us.",
                "attribution": "A slogan heard at teachers' gatherings",
            }),
            ("paragraph",
             "<p>On this 8 March we ask unions abroad to invite women labour activists from Iran to speak, to "
             "support the families of those in prison, and to stand for equal pay and an end to discrimination "
             "at work.</p>"),
        ],
    },
    "fa": {
        "title": "هشت مارس: زنان کارگر ایران در خط مقدم",
        "summary": (
            "در روز جهانی زن به زنان کارگر، معلمان و پرستاران ایران درود می‌فرستیم که سنگین‌ترین بار را به دوش "
            "می‌کشند و پیشاپیش بسیاری از مبارزات‌اند."
        ),
        "body": [
            ("paragraph",
             "<p>زنان در ایران دستمزد کمتری می‌گیرند، دیرتر از همه استخدام و زودتر از همه اخراج می‌شوند. بیشترشان "
             "با قرارداد موقت یا بی هیچ قراردادی کار می‌کنند؛ در کارگاه‌ها، خانه‌ها و مزرعه‌ها، جایی که دست قانون "
             "کار به آن نمی‌رسد. با این همه، معلمان، پرستاران و کارگران زن از پیگیرترین سازمان‌دهندگان سال‌های اخیر "
             "بوده‌اند و بسیاری بهای آن را با زندان پرداخته‌اند.</p>"),
            ("quote", {
                "text": "نان، کار، آزادی می‌خواهیم، و برای همه‌مان می‌خواهیم.",
                "attribution": "شعاری از تجمع‌های معلمان",
            }),
            ("paragraph",
             "<p>در این هشت مارس از اتحادیه‌های خارج از کشور می‌خواهیم فعالان زن کارگری ایران را برای سخنرانی "
             "دعوت کنند، از خانواده‌های زندانیان پشتیبانی کنند و برای دستمزد برابر و پایان تبعیض در محیط کار "
             "بایستند.</p>"),
        ],
    },
}

ILO_LETTER_2026 = {
    "slug": "letter-to-the-ilo-2026",
    "type": "letter",
    "date": datetime.date(2026, 5, 25),
    "tags": {"en": ["ILO", "jailed activists"], "fa": ["سازمان بین‌المللی کار", "فعالان زندانی"]},
    "related": ["arrests-of-union-activists-2022", "workers-rights-report-ilo-2010"],
    "en": {
        "title": "Letter to the ILO Director-General about jailed labour activists in Iran",
        "summary": (
            "Before the 114th International Labour Conference we wrote to the Director-General of the ILO, "
            "asking the Organization to press for the release of every worker jailed for union activity in Iran."
        ),
        "body": [
            ("paragraph", "<p>Dear Director-General,</p>"),
            ("paragraph",
             "<p>We write to you on behalf of the International Alliance in Support of Workers in Iran, ahead "
             "of the 114th session of the International Labour Conference. Labour activists in Iran continue "
             "to be arrested, tried and imprisoned for the sole reason that they organise their fellow "
             "workers: bus drivers, teachers, sugar cane workers, nurses and retirees among them.</p>"),
            ("paragraph", "<p>We respectfully ask the Office to:</p>"),
            ("list", [
                "Call publicly for the release of every worker imprisoned for union activity in Iran.",
                "Ask the Government of Iran to ratify and apply Conventions 87 and 98.",
                "Send a mission to Iran that meets independent workers' organisations freely and in safety.",
            ]),
            ("paragraph",
             "<p>We would be glad to provide the Office with the information we hold on each case.</p>"
             "<p>With our respect and our hopes for the Conference,</p>"
             "<p>International Alliance in Support of Workers in Iran (IASWI)</p>"),
        ],
    },
    "fa": {
        "title": "نامه به مدیرکل سازمان بین‌المللی کار دربارهٔ فعالان کارگری زندانی در ایران",
        "summary": (
            "پیش از صد و چهاردهمین کنفرانس بین‌المللی کار به مدیرکل سازمان بین‌المللی کار نامه نوشتیم و از این "
            "سازمان خواستیم برای آزادی همهٔ کارگرانی که به خاطر فعالیت سندیکایی در ایران زندانی‌اند، فشار بیاورد."
        ),
        "body": [
            ("paragraph", "<p><em>ترجمهٔ فارسی؛ متن اصلی این نامه به زبان انگلیسی فرستاده شده است.</em></p>"),
            ("paragraph", "<p>مدیرکل محترم،</p>"),
            ("paragraph",
             "<p>این نامه را از سوی اتحاد بین‌المللی در حمایت از کارگران در ایران، پیش از صد و چهاردهمین اجلاس "
             "کنفرانس بین‌المللی کار، برای شما می‌نویسیم. فعالان کارگری در ایران همچنان تنها به این دلیل که "
             "همکارانشان را سازمان می‌دهند بازداشت، محاکمه و زندانی می‌شوند؛ از رانندگان اتوبوس و معلمان تا کارگران "
             "نیشکر، پرستاران و بازنشستگان.</p>"),
            ("paragraph", "<p>با احترام از دفتر بین‌المللی کار می‌خواهیم:</p>"),
            ("list", [
                "آشکارا خواستار آزادی همهٔ کارگرانی شود که به خاطر فعالیت سندیکایی در ایران زندانی‌اند.",
                "از دولت ایران بخواهد مقاوله‌نامه‌های ۸۷ و ۹۸ را تصویب و اجرا کند.",
                "هیئتی به ایران بفرستد که آزادانه و در امنیت با تشکل‌های مستقل کارگری دیدار کند.",
            ]),
            ("paragraph",
             "<p>با خرسندی اطلاعاتی را که دربارهٔ هر پرونده در اختیار داریم در دسترس دفتر قرار می‌دهیم.</p>"
             "<p>با احترام و با آرزوی موفقیت برای کنفرانس،</p>"
             "<p>اتحاد بین‌المللی در حمایت از کارگران در ایران (IASWI)</p>"),
        ],
    },
}

ARTICLES = [
    OSANLOO_2007,
    APTUF_LETTER,
    MAY_DAY_2009,
    ILO_REPORT_2010,
    CUPE_RESOLUTION,
    HAFT_TAPPEH_INTERVIEW_2013,
    SPEAKING_TOUR_2015,
    HAFT_TAPPEH_STRIKE_2018,
    NO_TO_WAR_2020,
    ARRESTS_2022,
    WOMEN_WORKERS_2023,
    ILO_LETTER_2026,
]
