"""Text of the demo's fixed pages: home, About Us, Our objectives, Contact Us and the article index."""

CONTACT_EMAIL = "info@iaswi.example"  # .example is reserved: this address can never reach anyone

HOME = {
    "en": {
        "title": "International Alliance in Support of Workers in Iran",
        "mission": (
            "<p>The International Alliance in Support of Workers in Iran (IASWI) builds "
            "worker-to-worker solidarity between the labour movement abroad and the workers of Iran, "
            "who are denied the right to organise and to strike. Since 1999 we have campaigned for "
            "jailed labour activists, carried messages between unions, and made the struggles of "
            "Iranian workers known to their fellow workers around the world.</p>"
        ),
        "body": [
            ("heading", "How you can help"),
            ("list", [
                "Bring a solidarity resolution to your union local, branch or convention.",
                "Write to the authorities when a labour activist is arrested, and ask your union to do the same.",
                "Send a message of solidarity to workers on strike; we translate it and make sure it arrives.",
                "Invite us to speak at your union meeting.",
            ]),
        ],
    },
    "fa": {
        "title": "اتحاد بین‌المللی در حمایت از کارگران در ایران",
        "mission": (
            "<p>اتحاد بین‌المللی در حمایت از کارگران در ایران برای ساختن همبستگی کارگر با کارگر "
            "میان جنبش کارگری در خارج از کشور و کارگران ایران تلاش می‌کند؛ کارگرانی که از حق تشکل و "
            "اعتصاب محروم‌اند. ما از سال ۱۹۹۹ برای آزادی فعالان کارگری زندانی کارزار کرده‌ایم، پیام‌های "
            "همبستگی را میان تشکل‌های کارگری رسانده‌ایم و صدای مبارزات کارگران ایران را به گوش "
            "هم‌طبقه‌ای‌هایشان در سراسر جهان رسانده‌ایم.</p>"
        ),
        "body": [
            ("heading", "چگونه می‌توانید یاری کنید"),
            ("list", [
                "قطعنامه‌ای در همبستگی با کارگران ایران به نشست یا کنگرهٔ اتحادیهٔ خود ببرید.",
                "وقتی یک فعال کارگری بازداشت می‌شود، به مقامات نامه بنویسید و از اتحادیهٔ خود بخواهید همین کار را بکند.",
                "برای کارگران اعتصابی پیام همبستگی بفرستید؛ ما آن را ترجمه می‌کنیم و به دستشان می‌رسانیم.",
                "ما را برای سخنرانی به نشست اتحادیهٔ خود دعوت کنید.",
            ]),
        ],
    },
}

ABOUT = {
    "slug": "about-us",
    "en": {
        "title": "About Us",
        "intro": (
            "The International Alliance in Support of Workers in Iran is a network of trade unionists, "
            "labour activists and socialists, formed in 1999 to launch international solidarity "
            "campaigns in support of workers' struggles in Iran."
        ),
        "body": [
            ("heading", "Our history"),
            ("paragraph",
             "<p>The alliance was founded in 1999 by Iranian labour activists in exile and their "
             "colleagues in unions abroad, at a time when news of strikes and arrests in Iran rarely "
             "reached the wider labour movement. From the start we have worked in English and in Persian: "
             "we translate the statements of workers' organisations in Iran for unions abroad, and carry "
             "their messages of support back to the workers in Iran.</p>"
             "<p>Over the years we have brought the cases of jailed bus drivers, sugar cane workers, "
             "teachers and many others to union conventions, to the International Labour Organization "
             "and to the public. Unions in Canada, Europe and elsewhere have adopted resolutions in "
             "solidarity with workers in Iran, and we work to turn those resolutions into lasting links "
             "between workers.</p>"),
            ("heading", "Our branches"),
            ("paragraph",
             "<p>The alliance has branches in North America and in Europe, and colleagues in other "
             "countries. Each branch works with the unions of its own country; together we publish "
             "this website and a newsletter in English and Persian.</p>"),
            ("heading", "How we work"),
            ("list", [
                "We are independent of every government, political party and employer.",
                "We are funded only by our members and by the unions and people who support us.",
                "We never publish anything that could put a worker in Iran or their family at risk.",
            ]),
            ("quote", {
                "text": "An injury to one is an injury to all.",
                "attribution": "A principle of the labour movement",
            }),
        ],
    },
    "fa": {
        "title": "دربارهٔ ما",
        "intro": (
            "اتحاد بین‌المللی در حمایت از کارگران در ایران شبکه‌ای از فعالان سندیکایی، فعالان کارگری و "
            "سوسیالیست‌هاست که در سال ۱۹۹۹ برای به راه انداختن کارزارهای همبستگی بین‌المللی در حمایت از "
            "مبارزات کارگران در ایران شکل گرفت."
        ),
        "body": [
            ("heading", "تاریخچه"),
            ("paragraph",
             "<p>اتحاد در سال ۱۹۹۹ به همت فعالان کارگری ایرانی در تبعید و همکارانشان در اتحادیه‌های "
             "کارگری خارج از کشور بنیان گذاشته شد؛ در روزگاری که خبر اعتصاب‌ها و بازداشت‌ها در ایران به‌ندرت "
             "به جنبش کارگری جهانی می‌رسید. ما از آغاز به دو زبان انگلیسی و فارسی کار کرده‌ایم: بیانیه‌های "
             "تشکل‌های کارگری ایران را برای اتحادیه‌های خارج از کشور ترجمه می‌کنیم و پیام‌های پشتیبانی آنان را "
             "به کارگران ایران می‌رسانیم.</p>"
             "<p>در این سال‌ها پروندهٔ رانندگان اتوبوس، کارگران نیشکر، معلمان و بسیاری دیگر را که به زندان "
             "افتاده‌اند به کنگره‌های اتحادیه‌ها، سازمان بین‌المللی کار و افکار عمومی برده‌ایم. اتحادیه‌هایی در "
             "کانادا، اروپا و جاهای دیگر قطعنامه‌هایی در همبستگی با کارگران ایران تصویب کرده‌اند و ما می‌کوشیم "
             "این قطعنامه‌ها به پیوندهایی پایدار میان کارگران بدل شوند.</p>"),
            ("heading", "شاخه‌های ما"),
            ("paragraph",
             "<p>اتحاد در آمریکای شمالی و اروپا شاخه دارد و در کشورهای دیگر نیز همکارانی دارد. هر شاخه با "
             "اتحادیه‌های کشور خود کار می‌کند و همه با هم این وب‌سایت و یک خبرنامه را به انگلیسی و فارسی منتشر "
             "می‌کنیم.</p>"),
            ("heading", "شیوهٔ کار ما"),
            ("list", [
                "ما از هر دولت، حزب سیاسی و کارفرمایی مستقل‌ایم.",
                "هزینه‌های ما تنها از سوی اعضا و اتحادیه‌ها و کسانی که از ما پشتیبانی می‌کنند تأمین می‌شود.",
                "هرگز چیزی منتشر نمی‌کنیم که کارگری در ایران یا خانواده‌اش را به خطر بیندازد.",
            ]),
            ("quote", {
                "text": "آسیب به یکی، آسیب به همه است.",
                "attribution": "از اصول جنبش کارگری",
            }),
        ],
    },
}

OBJECTIVES = {
    "slug": "our-objectives",
    "en": {
        "title": "Our objectives",
        "intro": "<p>The International Alliance in Support of Workers in Iran works to:</p>",
        "objectives": [
            "<p>Support the struggles of workers in Iran for decent wages paid on time, safe work and a "
            "decent life, and make those struggles known to workers abroad.</p>",
            "<p>Defend the right of workers in Iran to organise in <b>independent unions</b> of their own "
            "choosing and to strike, free from interference by the state and employers.</p>",
            "<p>Campaign for the release of jailed labour activists and for an end to the persecution, "
            "arrest and imprisonment of workers for their union activity.</p>",
            "<p>Build direct, worker-to-worker links between unions abroad and independent workers' "
            "organisations in Iran.</p>",
            "<p>Oppose economic sanctions and military intervention against Iran, whose first victims are "
            "working people.</p>",
            "<p>Bring the situation of workers in Iran before international labour bodies, such as the "
            "International Labour Organization, and before the wider labour movement.</p>",
            "<p>Stand with women workers, migrant workers and child labourers, who face the harshest "
            "exploitation.</p>",
        ],
    },
    "fa": {
        "title": "اهداف ما",
        "intro": "<p>اتحاد بین‌المللی در حمایت از کارگران در ایران برای این اهداف تلاش می‌کند:</p>",
        "objectives": [
            "<p>پشتیبانی از مبارزات کارگران ایران برای دستمزد شایسته که به‌موقع پرداخت شود، کار ایمن و "
            "زندگی انسانی، و شناساندن این مبارزات به کارگران دیگر کشورها.</p>",
            "<p>دفاع از حق کارگران ایران برای ایجاد <b>تشکل‌های مستقل</b> به انتخاب خودشان و حق اعتصاب، "
            "بی‌دخالت دولت و کارفرمایان.</p>",
            "<p>کارزار برای آزادی فعالان کارگری زندانی و پایان دادن به آزار، بازداشت و زندانی کردن کارگران "
            "به خاطر فعالیت سندیکایی.</p>",
            "<p>ساختن پیوندهای مستقیم کارگر با کارگر میان اتحادیه‌های خارج از کشور و تشکل‌های مستقل "
            "کارگری در ایران.</p>",
            "<p>مخالفت با تحریم‌های اقتصادی و دخالت نظامی علیه ایران، که نخستین قربانیانش مردم کارگر و "
            "زحمتکش‌اند.</p>",
            "<p>طرح وضعیت کارگران ایران در نهادهای بین‌المللی کارگری، مانند سازمان بین‌المللی کار، و در "
            "جنبش کارگری جهانی.</p>",
            "<p>همراهی با زنان کارگر، کارگران مهاجر و کودکان کار که با سخت‌ترین بهره‌کشی روبه‌رو هستند.</p>",
        ],
    },
}

CONTACT = {
    "slug": "contact-us",
    "en": {
        "title": "Contact Us",
        "intro": (
            "<p>Write to us with news from workplaces in Iran, an invitation to speak at your union, or a "
            "question about our campaigns. We answer in English or Persian.</p>"
            "<p>If you write from Iran, please give no detail that could put you or others at risk.</p>"
        ),
        "thank_you_text": "<p>Thank you. Your message has reached us and a member of the alliance will read it.</p>",
    },
    "fa": {
        "title": "تماس با ما",
        "intro": (
            "<p>برای فرستادن خبر از محیط‌های کار در ایران، دعوت ما به سخنرانی در اتحادیهٔ خود یا پرسش دربارهٔ "
            "کارزارهایمان برای ما بنویسید. به فارسی یا انگلیسی پاسخ می‌دهیم.</p>"
            "<p>اگر از داخل ایران می‌نویسید، لطفاً هیچ جزئیاتی ننویسید که شما یا دیگران را به خطر بیندازد.</p>"
        ),
        "thank_you_text": "<p>سپاسگزاریم. پیام شما به دست ما رسید و یکی از اعضای اتحاد آن را خواهد خواند.</p>",
    },
}

NEWS_INDEX = {
    "slug": "news",
    "en": {"title": "News", "intro": "News, statements, reports, interviews and letters from the alliance."},
    "fa": {"title": "اخبار", "intro": "اخبار، بیانیه‌ها، گزارش‌ها، گفت‌وگوها و نامه‌های اتحاد."},
}
