"""The fictional stories behind the metadata gold pages (written by the dateline authors).

Each story is the set of facts a page is built from: its language, headline, body
paragraphs and one photo caption. Pages (make_pages.py) print these facts the way
real news sites of several countries do; the gold file records the facts themselves.
"""

from __future__ import annotations

STORIES: list[dict[str, object]] = [
    {
        "lang": "en",
        "title": "Port workers in Busan end three-day strike after pay deal",
        "paras": [
            "Dock workers at Busan's northern container terminals returned to work on Thursday after "
            "their union accepted a 4.8 percent pay rise, ending a strike that had left more than forty "
            "ships waiting offshore.",
            "The agreement was reached shortly after midnight following talks mediated by the regional "
            "labour office, a union spokesman said. Terminal operators said it would take about a week "
            "to clear the backlog of containers.",
            "Shipping lines had diverted some vessels to Gwangyang during the stoppage, the first at the "
            "port in six years.",
        ],
        "caption": "Cranes stand idle at a container terminal in Busan on Tuesday.",
    },
    {
        "lang": "en",
        "title": "Kenya's central bank holds rate as inflation eases to 6.2%",
        "paras": [
            "The Central Bank of Kenya left its benchmark lending rate unchanged on Tuesday, saying "
            "inflation had slowed for a third straight month on lower food and fuel prices.",
            "The monetary policy committee said the shilling had stabilised against the dollar after a "
            "sharp fall earlier in the year, and that it would watch closely for any renewed pressure.",
            "Analysts polled last week had expected the decision. Two of eleven economists had forecast "
            "a cut of 25 basis points.",
        ],
        "caption": "Shoppers walk past currency exchange booths in central Nairobi.",
    },
    {
        "lang": "en",
        "title": "Floods cut rail link between Porto Alegre and the coast",
        "paras": [
            "Heavy rain in southern Brazil washed away a section of track near Osório on Sunday, "
            "suspending freight and passenger services to the coast for at least ten days, the rail "
            "operator said.",
            "Civil defence officials said about 2,300 people had left their homes in the region since "
            "Friday and that rivers were still rising in three municipalities.",
            "The state governor flew over the worst-hit areas by helicopter and asked the federal "
            "government for emergency funds to rebuild bridges and roads.",
        ],
        "caption": "A washed-out railway embankment near Osório, Rio Grande do Sul.",
    },
    {
        "lang": "en",
        "title": "Vietnam and the Philippines agree on coast guard hotline",
        "paras": [
            "Vietnam and the Philippines agreed on Monday to set up a direct hotline between their coast "
            "guards to prevent incidents at sea, the two foreign ministries said after talks in Hanoi.",
            "The agreement also covers joint search-and-rescue drills and the exchange of information on "
            "illegal fishing, according to a joint statement.",
            "Both countries have overlapping claims in the South China Sea, where their fishing fleets "
            "often work the same grounds.",
        ],
        "caption": "Foreign ministers shake hands before their meeting in Hanoi.",
    },
    {
        "lang": "en",
        "title": "Wildfire near Marseille forces evacuation of two villages",
        "paras": [
            "Firefighters battled a wildfire north of Marseille on Wednesday that had burned about 600 "
            "hectares of pine forest and forced the evacuation of two villages overnight.",
            "Strong mistral winds were fanning the flames, and water-bombing aircraft were grounded for "
            "several hours in the morning, the regional fire service said.",
            "No injuries had been reported. Police said a motorway section was closed in both directions.",
        ],
        "caption": "Smoke rises above hills north of Marseille on Wednesday.",
    },
    {
        "lang": "en",
        "title": "Ghana opens bidding for second offshore wind survey",
        "paras": [
            "Ghana's energy ministry invited bids on Friday for a survey of wind speeds off its western "
            "coast, the second step towards what officials hope will be the country's first offshore "
            "wind farm.",
            "Companies have until the end of March to submit proposals, the ministry said in a notice. "
            "The survey is to run for two years with floating measurement buoys.",
            "A first survey, completed last year, found average speeds too low near Accra but promising "
            "further west, according to the ministry.",
        ],
        "caption": "A measurement buoy is loaded onto a vessel in Takoradi harbour.",
    },
    {
        "lang": "en",
        "title": "Chile's copper output rises 5% on new Atacama mine",
        "paras": [
            "Copper production in Chile rose 5 percent in August from a year earlier, helped by the "
            "start of a new mine in the Atacama desert, the national statistics institute said on "
            "Thursday.",
            "State miner output was flat, while private producers increased shipments, the data showed.",
            "Chile is the world's largest copper producer, and prices of the metal have risen this year "
            "on expectations of demand from power grids and electric vehicles.",
        ],
        "caption": "Trucks carry ore at an open-pit copper mine in northern Chile.",
    },
    {
        "lang": "en",
        "title": "Pakistan reopens Torkham crossing after border talks",
        "paras": [
            "Pakistan reopened the Torkham border crossing with Afghanistan on Saturday after a nine-day "
            "closure, allowing hundreds of stranded trucks to pass, customs officials said.",
            "The crossing was shut after a dispute over the construction of a border post. Tribal elders "
            "from both sides helped broker the talks that led to the reopening.",
            "Traders said perishable goods worth millions of rupees had spoiled during the closure.",
        ],
        "caption": "Trucks queue at the Torkham border crossing on Saturday.",
    },
    {
        "lang": "en",
        "title": "New Zealand lifts drought status for Canterbury farms",
        "paras": [
            "New Zealand's agriculture ministry lifted the drought classification for much of the "
            "Canterbury region on Monday after two weeks of steady rain restored pasture growth.",
            "Farmers in the south of the region will remain eligible for support until the end of the "
            "month, the minister said.",
            "The drought had forced many sheep and beef farmers to sell stock early, pushing down prices "
            "at saleyards across the South Island.",
        ],
        "caption": "Sheep graze on green pasture near Ashburton after the rain.",
    },
    {
        "lang": "en",
        "title": "Nigeria's senate approves bill to split power regulator",
        "paras": [
            "Nigeria's senate on Wednesday approved a bill that would let states set up their own "
            "electricity regulators, a step towards breaking up the national grid's central oversight.",
            "The bill now goes to the House of Representatives. Supporters say it will attract private "
            "investment to regional mini-grids, while critics warn of uneven rules across states.",
            "Several states, including Lagos and Enugu, have already drafted their own electricity laws.",
        ],
        "caption": "Power lines run past houses on the outskirts of Abuja.",
    },
    {
        "lang": "en",
        "title": "Indonesia bans export of raw bauxite from next year",
        "paras": [
            "Indonesia will ban exports of unprocessed bauxite from January, the energy and mineral "
            "resources minister said on Tuesday, to push miners to build more smelters at home.",
            "The ban follows a similar measure for nickel ore that officials credit with drawing billions "
            "of dollars in investment into processing plants.",
            "Bauxite miners asked for a two-year delay, saying only four smelters would be ready in time.",
        ],
        "caption": "Workers load bauxite onto a barge in West Kalimantan.",
    },
    {
        "lang": "en",
        "title": "Heatwave pushes Seoul power demand to record high",
        "paras": [
            "Electricity demand in South Korea hit a record on Monday afternoon as temperatures in Seoul "
            "reached 37 degrees Celsius, the grid operator said.",
            "Reserve capacity fell to 9 percent at the peak, above the level at which emergency measures "
            "would begin, officials said.",
            "The weather agency said the heat would last at least until Thursday in most of the country.",
        ],
        "caption": "People cool off at a fountain in central Seoul on Monday.",
    },
    {
        "lang": "en",
        "title": "Scottish ferry operator cancels Hebrides sailings for repairs",
        "paras": [
            "Scotland's state-owned ferry operator cancelled sailings to three islands in the Outer "
            "Hebrides for the rest of the week after a vessel's engine failed on Sunday.",
            "Island businesses said the cancellations came at the height of the tourist season and would "
            "cost them bookings.",
            "The operator said it was looking for a replacement vessel and apologised to passengers.",
        ],
        "caption": "A ferry is moored at Stornoway harbour.",
    },
    {
        "lang": "en",
        "title": "Argentina's wheat harvest forecast cut after frost",
        "paras": [
            "The Buenos Aires grains exchange cut its forecast for this season's wheat harvest by 1.2 "
            "million tonnes on Thursday after late frosts damaged crops in the south of the farm belt.",
            "The exchange now expects a crop of 15.8 million tonnes, still above last year's drought-hit "
            "harvest.",
            "Exporters said the lower forecast could limit shipments to Brazil and Indonesia.",
        ],
        "caption": "A farmer inspects frost-damaged wheat near Tres Arroyos.",
    },
    {
        "lang": "ko",
        "title": "부산항 부두 노동자 파업 사흘 만에 타결",
        "paras": [
            "부산항 북항 컨테이너 부두 노동자들이 임금 4.8% 인상안을 받아들이면서 사흘간 이어진 파업이 "
            "목요일 끝났다. 파업 기간 동안 선박 40여 척이 바다에서 대기했다.",
            "노조 대변인은 지방노동청의 중재로 자정을 조금 넘겨 합의가 이뤄졌다고 말했다. 터미널 "
            "운영사들은 밀린 컨테이너를 처리하는 데 일주일가량 걸릴 것이라고 밝혔다.",
            "일부 선사는 파업 기간 광양항으로 선박을 돌렸다. 부산항에서 파업이 벌어진 것은 6년 만이다.",
        ],
        "caption": "화요일 부산의 한 컨테이너 터미널에 크레인이 멈춰 서 있다.",
    },
    {
        "lang": "ko",
        "title": "서울 전력 수요 폭염에 사상 최고치",
        "paras": [
            "서울 기온이 37도까지 오른 월요일 오후 국내 전력 수요가 사상 최고치를 기록했다고 전력거래소가 "
            "밝혔다.",
            "최대 수요 시간대 예비율은 9%까지 떨어졌지만 비상 조치가 시작되는 수준보다는 높았다고 당국은 "
            "설명했다.",
            "기상청은 이번 더위가 적어도 목요일까지 전국 대부분 지역에서 이어질 것이라고 예보했다.",
        ],
        "caption": "월요일 서울 도심 분수대에서 시민들이 더위를 식히고 있다.",
    },
    {
        "lang": "ja",
        "title": "北海道で記録的な大雪、空の便に欠航相次ぐ",
        "paras": [
            "北海道では十八日、強い冬型の気圧配置の影響で記録的な大雪となり、新千歳空港を発着する便に"
            "欠航が相次いだ。",
            "気象台によると、札幌市では二十四時間の降雪量が観測史上最多を更新した。JRも一部の列車の"
            "運転を見合わせている。",
            "道は交通機関の情報を確認し、不要不急の外出を控えるよう呼びかけている。",
        ],
        "caption": "雪に覆われた新千歳空港の駐機場。",
    },
    {
        "lang": "ja",
        "title": "大阪の中小企業、賃上げ率が三十年ぶりの高水準",
        "paras": [
            "大阪府内の中小企業の今年の賃上げ率は平均三・九パーセントとなり、三十年ぶりの高い水準と"
            "なったことが商工会議所の調査でわかった。",
            "人手不足が深刻な運輸業や建設業で引き上げ幅が大きかった。一方で原材料価格の高騰を理由に"
            "据え置いた企業も二割あった。",
            "商工会議所は価格転嫁の支援を国に求めていく方針だ。",
        ],
        "caption": "大阪市内の町工場で働く従業員。",
    },
    {
        "lang": "zh",
        "title": "广西沿海多地启动台风应急响应",
        "paras": [
            "受今年第十五号台风影响，广西北海、钦州、防城港等沿海城市十八日启动防台风应急响应，"
            "渔船全部回港避风。",
            "气象部门预计，台风将于十九日凌晨在广东湛江至广西北海一带沿海登陆，登陆时中心附近最大风力"
            "可达十二级。",
            "当地已转移沿海低洼地区群众一万余人，部分学校停课一天。",
        ],
        "caption": "渔船在北海港内避风。",
    },
    {
        "lang": "zh",
        "title": "成都至重庆高铁新线开通运营",
        "paras": [
            "成都至重庆中线高速铁路二十六日正式开通运营，两地最快旅行时间缩短至五十分钟。",
            "新线全长约二百九十公里，设计时速三百五十公里，沿线设站八座。铁路部门表示，开通初期每天"
            "安排列车六十对。",
            "专家认为，新线将进一步推动成渝地区双城经济圈建设。",
        ],
        "caption": "首趟列车驶出成都站。",
    },
    {
        "lang": "fr",
        "title": "Grève des contrôleurs aériens : des centaines de vols annulés à Orly",
        "paras": [
            "La direction générale de l'aviation civile a demandé aux compagnies de réduire de moitié "
            "leurs programmes de vols à Orly jeudi, en raison d'une grève des contrôleurs aériens.",
            "Les syndicats protestent contre un projet de réforme qui modifierait l'organisation des "
            "équipes de nuit. Des perturbations sont aussi attendues à Marseille et à Nice.",
            "Les passagers sont invités à vérifier l'état de leur vol avant de se rendre à l'aéroport.",
        ],
        "caption": "Des passagers devant un tableau des départs à l'aéroport d'Orly.",
    },
    {
        "lang": "fr",
        "title": "Au Sénégal, la saison des pluies relance la culture de l'arachide",
        "paras": [
            "Les premières pluies de la saison ont permis aux agriculteurs du bassin arachidier de semer "
            "plus tôt que l'an dernier, se réjouit le ministère de l'Agriculture à Dakar.",
            "Le gouvernement a distribué près de quarante mille tonnes de semences certifiées, selon un "
            "communiqué publié mercredi.",
            "Les producteurs réclament toutefois un prix d'achat plus élevé pour la prochaine campagne.",
        ],
        "caption": "Un agriculteur sème de l'arachide près de Kaolack.",
    },
    {
        "lang": "es",
        "title": "La sequía obliga a restringir el riego en el valle del Ebro",
        "paras": [
            "La confederación hidrográfica del Ebro aprobó el martes nuevas restricciones al riego "
            "agrícola tras un verano con las reservas de los embalses por debajo del cuarenta por ciento.",
            "Los regantes de Aragón y Navarra solo podrán usar la mitad del agua asignada hasta octubre, "
            "según el acuerdo.",
            "Las organizaciones agrarias pidieron ayudas urgentes para compensar las pérdidas en maíz y "
            "frutales.",
        ],
        "caption": "Un embalse con el nivel de agua muy bajo en Aragón.",
    },
    {
        "lang": "es",
        "title": "México inaugura un nuevo puerto de carga en el Pacífico",
        "paras": [
            "El Gobierno de México inauguró el jueves una nueva terminal de contenedores en el puerto de "
            "Manzanillo, que ampliará su capacidad en un treinta por ciento.",
            "La obra, financiada en parte por capital privado, tardó cuatro años en completarse, según "
            "la secretaría de Marina.",
            "Los transportistas advirtieron que las carreteras de acceso siguen saturadas.",
        ],
        "caption": "Grúas de la nueva terminal en el puerto de Manzanillo.",
    },
    {
        "lang": "de",
        "title": "Bahnstreik legt Fernverkehr in Süddeutschland lahm",
        "paras": [
            "Ein Warnstreik der Lokführer hat am Montag den Fernverkehr in Bayern und Baden-Württemberg "
            "weitgehend zum Erliegen gebracht. Die Bahn richtete einen Notfahrplan ein.",
            "Die Gewerkschaft fordert höhere Löhne und kürzere Arbeitszeiten für Schichtarbeiter. Die "
            "Verhandlungen sollen am Donnerstag in Frankfurt fortgesetzt werden.",
            "Pendler mussten auf Busse und Fahrgemeinschaften ausweichen, vor allem rund um München.",
        ],
        "caption": "Reisende warten am Münchner Hauptbahnhof auf Züge.",
    },
    {
        "lang": "de",
        "title": "Österreich öffnet neuen Brenner-Tunnelabschnitt für Güterzüge",
        "paras": [
            "Österreich hat am Freitag einen weiteren Abschnitt des Brenner-Basistunnels für Güterzüge "
            "freigegeben. Damit sollen weniger Lastwagen über die Alpen fahren.",
            "Der Tunnel soll nach seiner Fertigstellung Innsbruck und Franzensfeste verbinden und die "
            "Fahrzeit deutlich verkürzen.",
            "Anwohner im Inntal begrüßten den Schritt, forderten aber strengere Fahrverbote für Lkw.",
        ],
        "caption": "Ein Güterzug fährt in den Tunnel bei Innsbruck ein.",
    },
]
