"""Texts of the old website that two apps build on: the demo articles that publish them
(publishing) and the network's records of the same resolution and letter. Kept here once, as
published, typing slips included ("Log live"), so neither app reaches into the other."""

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
