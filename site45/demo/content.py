"""The demo content: Traditional Chinese (Taiwan usage) first, English for a few pages.

Everything is data; ``seed.py`` turns it into Wagtail objects. People, companies and numbers
are invented for the demonstration; every body ends with a note saying so.

Dates are relative to the day of seeding (``Days``/``At``), so events are upcoming and past
whenever the demo is installed. Body blocks are small tuples:

    ("h", text)                      小標題
    ("p", text)                      a paragraph (plain text, escaped)
    ("ul", [text, ...])              a bulleted list
    ("img", image_key, alt, caption) an image with its alternative text
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Days:
    """A date ``n`` days from the day of seeding."""

    n: int


@dataclass(frozen=True)
class At:
    """A Taipei date-time ``n`` days from the day of seeding, at ``hh:mm``."""

    n: int
    time: str


DEMO_NOTE_ZH = "※ 本頁為系統展示用的示範內容，人名、企業與數字均為虛構，非正式公告。"
DEMO_NOTE_EN = "※ This page is demonstration content; people, companies and figures are fictitious."

# --- Images (generated with Pillow: colours, a motif and a Latin label) -------------------

IMAGES = {
    "job_fair": {
        "title": "示範圖片：中高齡就業博覽會",
        "label": "Job fair",
        "motif": "circles",
        "colours": ((22, 78, 140), (40, 140, 190), (255, 196, 61)),
    },
    "counseling": {
        "title": "示範圖片：一對一就業諮詢",
        "label": "Career counselling",
        "motif": "people",
        "colours": ((0, 105, 92), (77, 182, 172), (255, 167, 38)),
    },
    "digital": {
        "title": "示範圖片：數位技能課程",
        "label": "Digital skills class",
        "motif": "bars",
        "colours": ((69, 39, 160), (126, 87, 194), (255, 213, 79)),
    },
    "service_desk": {
        "title": "示範圖片：中高齡專屬服務櫃檯",
        "label": "Service desk",
        "motif": "house",
        "colours": ((183, 28, 28), (229, 115, 115), (255, 241, 118)),
    },
    "workshop": {
        "title": "示範圖片：職涯探索工作坊",
        "label": "Career workshop",
        "motif": "circles",
        "colours": ((230, 81, 0), (255, 167, 38), (38, 50, 56)),
    },
    "generations": {
        "title": "示範圖片：青銀世代一起工作",
        "label": "Generations at work",
        "motif": "people",
        "colours": ((46, 125, 50), (129, 199, 132), (255, 112, 67)),
    },
    "shop": {
        "title": "示範圖片：友善高齡的店家",
        "label": "Age-friendly shop",
        "motif": "house",
        "colours": ((0, 96, 100), (77, 208, 225), (255, 202, 40)),
    },
    "factory": {
        "title": "示範圖片：職務再設計的工作站",
        "label": "Redesigned workstation",
        "motif": "bars",
        "colours": ((55, 71, 79), (120, 144, 156), (255, 193, 7)),
    },
    "farm": {
        "title": "示範圖片：田園與茶園",
        "label": "Farm and tea garden",
        "motif": "circles",
        "colours": ((51, 105, 30), (156, 204, 101), (255, 235, 59)),
    },
    "lecture": {
        "title": "示範圖片：名人講堂現場",
        "label": "Lecture hall",
        "motif": "bars",
        "colours": ((74, 20, 140), (171, 71, 188), (255, 255, 255)),
    },
    "portrait_a": {
        "title": "示範圖片：成功案例人像（一）",
        "label": "Portrait (with consent)",
        "motif": "portrait",
        "colours": ((21, 101, 192), (100, 181, 246), (255, 138, 101)),
    },
    "portrait_b": {
        "title": "示範圖片：成功案例人像（二）",
        "label": "Portrait (with consent)",
        "motif": "portrait",
        "colours": ((173, 20, 87), (240, 98, 146), (255, 224, 130)),
    },
    "portrait_c": {
        "title": "示範圖片：成功案例人像（三）",
        "label": "Portrait (with consent)",
        "motif": "portrait",
        "colours": ((93, 64, 55), (161, 136, 127), (129, 212, 250)),
    },
}

# --- Documents (PDF written by hand; ODT built with zipfile) -------------------------------

DOCUMENTS = {
    "subsidy_guide": {
        "title": "中高齡者及高齡者就業促進補助申請須知（示範）",
        "kind": "pdf",
        "filename": "subsidy-guide.pdf",
        "lines": [
            "Employment promotion subsidies - application guide",
            "45+ Employment Resource Network (demonstration document)",
            "1. Who may apply: employers hiring workers aged 45 and over.",
            "2. Apply online or at any employment center.",
            "3. Toll-free line: 0800-777-888.",
        ],
    },
    "subsidy_form": {
        "title": "補助申請書（ODF 格式，示範）",
        "kind": "odt",
        "filename": "subsidy-application.odt",
        "paragraphs": [
            "申請單位名稱：",
            "統一編號：",
            "聯絡人姓名及電話：",
            "申請項目：□繼續僱用高齡者　□職務再設計　□世代合作",
            "本文件為系統示範用的 ODF 文件。",
        ],
    },
    "job_fair_flyer": {
        "title": "中高齡就業博覽會活動簡章（示範）",
        "kind": "pdf",
        "filename": "job-fair-flyer.pdf",
        "lines": [
            "Job fair for job seekers aged 45+",
            "Regional Branch, Workforce Development Agency",
            "Free admission - bring your resume",
            "Demonstration document",
        ],
    },
    "volunteer_form": {
        "title": "銀髮講師與志工報名表（ODF 格式，示範）",
        "kind": "odt",
        "filename": "volunteer-form.odt",
        "paragraphs": [
            "姓名：",
            "出生年：",
            "專長與經歷：",
            "可服務時段：□平日上午　□平日下午　□假日",
            "本文件為系統示範用的 ODF 文件。",
        ],
    },
    "press_results": {
        "title": "新聞稿：中高齡就業服務成果（示範）",
        "kind": "pdf",
        "filename": "press-employment-results.pdf",
        "lines": [
            "Press release: employment services for workers aged 45+",
            "Workforce Development Agency",
            "Demonstration document",
        ],
    },
    "press_trends": {
        "title": "新聞稿：中高齡勞動力運用趨勢（示範）",
        "kind": "pdf",
        "filename": "press-labour-trends.pdf",
        "lines": [
            "Press release: labour force trends of workers aged 45+",
            "Planning Division",
            "Demonstration document",
        ],
    },
    "press_awards": {
        "title": "新聞稿：友善高齡職場表揚名單（示範）",
        "kind": "pdf",
        "filename": "press-age-friendly-awards.pdf",
        "lines": [
            "Press release: age-friendly workplace awards",
            "Taoyuan-Hsinchu-Miaoli Regional Branch",
            "Demonstration document",
        ],
    },
    "amendment_table": {
        "title": "補助作業要點修正對照表（示範）",
        "kind": "pdf",
        "filename": "amendment-table.pdf",
        "lines": [
            "Amendment table: subsidy guidelines",
            "Column 1: amended text; column 2: current text",
            "Demonstration document",
        ],
    },
    "amendment_odt": {
        "title": "補助作業要點修正條文（ODF 格式，示範）",
        "kind": "odt",
        "filename": "amendment-text.odt",
        "paragraphs": [
            "第一點　為促進中高齡者及高齡者就業，特訂定本要點。",
            "第二點　本要點之主管機關為勞動部。",
            "本文件為系統示範用的 ODF 文件。",
        ],
    },
    "programme_call": {
        "title": "年度中高齡就業促進計畫申請須知（示範）",
        "kind": "pdf",
        "filename": "programme-call.pdf",
        "lines": [
            "Call for proposals: employment promotion programmes for workers aged 45+",
            "Deadline and forms: see the announcement page",
            "Demonstration document",
        ],
    },
    "trial_work": {
        "title": "職場體驗計畫報名簡章（示範）",
        "kind": "pdf",
        "filename": "trial-work-programme.pdf",
        "lines": ["Workplace experience programme - first round", "Registration closed", "Demonstration document"],
    },
}


# --- Pages --------------------------------------------------------------------------------
# Keys: type, unit (owning unit code), slug, title, summary, fields, body, and optionally
# cover_image / photo (image keys), attachments [(document key, display title)], expired, en.

PAGES = [
    # ---------------------------------------------------------------- 熱門消息 hot_news
    {
        "type": "hot_news",
        "unit": "wda-dsted",
        "slug": "online-subsidy-applications",
        "title": "中高齡者及高齡者就業促進補助　線上申請服務上路",
        "summary": "雇主僱用中高齡及高齡者、辦理職務再設計或繼續僱用高齡者的補助，現在可以線上申請，不必再臨櫃送件。",
        "fields": {"date": Days(-3)},
        "cover_image": "counseling",
        "attachments": [("subsidy_guide", "補助申請須知（PDF）"), ("subsidy_form", "補助申請書（ODF）")],
        "body": [
            ("h", "線上申請更便利"),
            (
                "p",
                "為簡化行政流程，勞動力發展署自即日起開放中高齡者及高齡者就業促進相關補助線上申請。"
                "雇主登入後即可填寫申請表、上傳證明文件，並隨時查詢審核進度。",
            ),
            ("h", "可以申請的項目"),
            ("ul", ["繼續僱用高齡者補助", "職務再設計補助", "退休高齡者傳承專業技術及經驗補助", "世代合作指導員補助"]),
            (
                "img",
                "counseling",
                "就業服務人員在櫃檯旁協助民眾操作電腦填寫線上申請表",
                "各就業中心都可以協助雇主操作線上申請。",
            ),
            ("p", "對申請資格有疑問，請洽各分署或撥打免付費專線 0800-777-888。"),
        ],
        "en": {
            "title": "Online applications open for employment promotion subsidies",
            "summary": "Employers can now apply online for the subsidies for hiring workers aged 45 and over, "
            "redesigning jobs and keeping on workers aged 65 and over.",
            "attachments": [("subsidy_guide", "Application guide (PDF)"), ("subsidy_form", "Application form (ODF)")],
            "body": [
                ("h", "Applying is easier"),
                (
                    "p",
                    "From today the Workforce Development Agency accepts applications for its employment "
                    "promotion subsidies online. Employers fill in the form, upload documents and follow "
                    "the review from one place.",
                ),
                ("h", "What you can apply for"),
                (
                    "ul",
                    [
                        "Continued employment of workers aged 65+",
                        "Job redesign",
                        "Retired workers passing on their skills",
                        "Intergenerational mentors",
                    ],
                ),
                (
                    "img",
                    "counseling",
                    "An employment officer helps a visitor fill in the online form at a desk",
                    "Every employment center can help employers apply online.",
                ),
                ("p", "Questions about eligibility: contact a regional branch or call 0800-777-888 (toll free)."),
            ],
        },
    },
    {
        "type": "hot_news",
        "unit": "br-north",
        "slug": "north-job-fair",
        "title": "北基宜花金馬分署中高齡就業博覽會　釋出逾千個職缺",
        "summary": "超過 60 家企業參與，提供保全、門市、照顧服務、行政與技術等職缺，現場並有履歷健診與職涯諮詢。",
        "fields": {"date": Days(-10)},
        "cover_image": "job_fair",
        "attachments": [("job_fair_flyer", "活動簡章")],
        "body": [
            ("h", "企業踴躍參與"),
            (
                "p",
                "本次就業博覽會共有 60 多家企業設攤，釋出逾千個適合中高齡者的工作機會，"
                "其中不少職缺提供部分工時與彈性排班。",
            ),
            ("img", "job_fair", "就業博覽會會場中，求職民眾在企業攤位前排隊面談", "就業博覽會現場。"),
            ("h", "現場服務"),
            ("ul", ["履歷健診與證件照拍攝", "一對一職涯諮詢", "職業訓練課程介紹", "補助與津貼說明"]),
            ("p", "沒能到場的民眾，可到鄰近的就業中心登記求職，由就業服務人員協助推介。"),
        ],
        "en": {
            "title": "Northern Regional Branch job fair offers over a thousand jobs for workers aged 45+",
            "summary": "More than 60 employers offered jobs in security, retail, care, administration and "
            "technical work, with resume checks and career advice on site.",
            "attachments": [("job_fair_flyer", "Job fair leaflet")],
            "body": [
                ("h", "Employers took part in numbers"),
                (
                    "p",
                    "Over 60 employers had stands and offered more than a thousand jobs suited to "
                    "middle-aged and older workers, many of them part-time or with flexible shifts.",
                ),
                (
                    "img",
                    "job_fair",
                    "Job seekers queue for interviews at employers' stands in the fair hall",
                    "At the job fair.",
                ),
                ("h", "Services on the day"),
                (
                    "ul",
                    [
                        "Resume check and ID photos",
                        "One-to-one career advice",
                        "Vocational training courses",
                        "Subsidies and allowances explained",
                    ],
                ),
                ("p", "Could not come? Register at your nearest employment center and we will refer you."),
            ],
        },
    },
    {
        "type": "hot_news",
        "unit": "TW-NWT",
        "slug": "new-taipei-career-counselling",
        "title": "新北市中高齡職涯諮詢駐點服務擴大至 10 區",
        "summary": "新北市政府將中高齡職涯諮詢駐點擴大到 10 個行政區，民眾可就近預約一對一諮詢。",
        "fields": {"date": Days(-6)},
        "cover_image": "counseling",
        "body": [
            ("h", "就近預約、免費諮詢"),
            ("p", "職涯諮詢師每週固定時段駐點，協助盤點工作經歷、規劃轉職方向，並連結職業訓練與就業媒合資源。"),
            ("ul", ["板橋、三重、新莊、中和、永和", "新店、土城、蘆洲、樹林、淡水"]),
            ("p", "預約請洽新北市政府就業服務處或各區公所服務臺。"),
        ],
    },
    {
        "type": "hot_news",
        "unit": "TW-KHH-silver-1",
        "slug": "kaohsiung-smartphone-course",
        "title": "高雄銀髮人才服務據點開設手機與網路應用課程",
        "summary": "從使用行動支付、線上求職到視訊面試，一步一步學會用手機找工作。",
        "fields": {"date": Days(-2)},
        "cover_image": "digital",
        "body": [
            ("h", "課程內容"),
            ("ul", ["智慧型手機基本操作", "在台灣就業通搜尋職缺", "視訊面試的準備", "辨識求職詐騙"]),
            ("img", "digital", "銀髮學員在教室裡跟著講師操作智慧型手機", "小班教學，每位學員都有助教協助。"),
            ("p", "課程免費，名額有限，請於服務時間內電話報名。"),
        ],
    },
    {
        "type": "hot_news",
        "unit": "br-ccn-ec-taichung",
        "slug": "taichung-45plus-counter",
        "title": "臺中就業中心推出中高齡專屬求職櫃檯",
        "summary": "專屬櫃檯由資深就業服務人員提供服務，協助 45 歲以上求職者找工作、申請補助與參加職訓。",
        "fields": {"date": Days(-15)},
        "cover_image": "service_desk",
        "body": [
            ("h", "一次說清楚"),
            (
                "p",
                "求職者到櫃檯後，由同一位就業服務人員從求職登記、職缺推介到後續追蹤全程協助，不必重複說明自己的狀況。",
            ),
            ("p", "服務時間為週一至週五上午 8 時 30 分至下午 5 時 30 分。"),
        ],
    },
    {
        "type": "hot_news",
        "unit": "br-tcm-silver",
        "slug": "silver-lecturers-wanted",
        "title": "桃竹苗區銀髮人才資源中心徵求銀髮講師與志工",
        "summary": "歡迎具有專業技術或教學經驗的退休人士加入，分享經驗、陪伴學員。",
        "fields": {"date": Days(-1)},
        "cover_image": "generations",
        "attachments": [("volunteer_form", "報名表（ODF）")],
        "body": [
            ("h", "我們需要您的經驗"),
            ("p", "銀髮人才資源中心持續開設各類課程與講座，誠摯邀請退休的專業人士擔任講師或志工。"),
            ("ul", ["烹飪、木工、水電等技術類", "會計、行政、外語等專業類", "活動帶領與關懷陪伴"]),
            ("p", "請下載報名表，填寫後以電子郵件或親送方式交回中心。"),
        ],
    },
    # ---------------------------------------------------------------- 活動訊息 event
    {
        "type": "event",
        "unit": "TW-TXG",
        "slug": "taichung-matching-day",
        "title": "臺中市中高齡就業媒合活動",
        "summary": "30 家在地企業現場面試，提供門市、物流、清潔與行政等職缺，歡迎 45 歲以上求職者參加。",
        "fields": {
            "start_at": At(14, "09:30"),
            "end_at": At(14, "12:00"),
            "venue": "臺中市政府臺灣大道市政大樓惠中樓 1 樓",
            "county": "TW-TXG",
            "organiser": "臺中市政府勞工局",
            "registration_url": "https://example.com/45plus/taichung-matching",
            "registration_deadline": At(12, "17:00"),
            "fee": 0,
            "capacity": 120,
        },
        "body": [
            ("h", "活動內容"),
            ("p", "現場設有企業面試區、履歷健診區與補助諮詢區。請攜帶履歷表與身分證件。"),
            ("img", "job_fair", "企業人資在媒合會攤位與中高齡求職者面談", "歷年媒合活動現場。"),
            ("p", "行動不便的朋友可事先來電，我們會安排專人引導。"),
        ],
        "en": {
            "title": "Taichung job matching day for workers aged 45+",
            "summary": "Thirty local employers interview on the spot for jobs in retail, logistics, cleaning "
            "and administration.",
            "fields": {
                "venue": "Huizhong Building 1F, Taichung City Hall",
                "organiser": "Labor Affairs Bureau, Taichung",
            },
            "body": [
                ("h", "What happens"),
                (
                    "p",
                    "Interviews with employers, resume checks and advice on subsidies. Please bring your "
                    "resume and an ID document.",
                ),
                (
                    "img",
                    "job_fair",
                    "An HR officer interviews an older job seeker at a stand",
                    "A matching day in a previous year.",
                ),
                ("p", "If you have reduced mobility, call ahead and someone will meet you."),
            ],
        },
    },
    {
        "type": "event",
        "unit": "br-kpt",
        "slug": "kaohsiung-career-workshop",
        "title": "高屏澎東分署「熟齡再出發」職涯探索工作坊",
        "summary": "兩天的小團體工作坊，陪你盤點能力、認識產業趨勢，找到下一份工作的方向。",
        "fields": {
            "start_at": At(21, "09:00"),
            "end_at": At(22, "16:00"),
            "venue": "高屏澎東分署 3 樓研習教室",
            "county": "TW-KHH",
            "organiser": "勞動力發展署高屏澎東分署",
            "registration_url": "https://example.com/45plus/kpt-workshop",
            "registration_deadline": At(17, "17:00"),
            "fee": 0,
            "capacity": 30,
        },
        "body": [
            ("h", "適合對象"),
            ("p", "45 歲以上、正在找工作或考慮轉換跑道的朋友。"),
            ("h", "課程安排"),
            ("ul", ["第一天：職涯盤點與興趣探索", "第二天：產業趨勢與求職策略", "全程參加者可獲結業證明"]),
            ("img", "workshop", "工作坊學員分組討論，在白板上寫下自己的專長", "小組討論。"),
        ],
        "en": {
            "title": "“Starting again” career workshop, Kaohsiung",
            "summary": "A two-day small-group workshop to take stock of your skills, learn where the jobs are "
            "and choose your next step.",
            "fields": {
                "venue": "Training room 3F, Kaohsiung-Pingtung-Penghu-Taitung Regional Branch",
                "organiser": "Kaohsiung-Pingtung-Penghu-Taitung Regional Branch, WDA",
            },
            "body": [
                ("h", "Who it is for"),
                ("p", "Anyone aged 45 or over who is looking for work or thinking of changing career."),
                ("h", "Programme"),
                (
                    "ul",
                    [
                        "Day 1: skills and interests",
                        "Day 2: industry trends and job search",
                        "Certificate for full attendance",
                    ],
                ),
                (
                    "img",
                    "workshop",
                    "Workshop participants write their strengths on a whiteboard in groups",
                    "Group work.",
                ),
            ],
        },
    },
    {
        "type": "event",
        "unit": "TW-TXG-silver-1",
        "slug": "smartphone-class-3",
        "title": "銀髮族智慧型手機應用班（第 3 期）",
        "summary": "每週一次、共 4 週，學會用手機查職缺、收發電子郵件與視訊面試。",
        "fields": {
            "start_at": At(7, "14:00"),
            "end_at": At(28, "16:00"),
            "venue": "臺中市銀髮人才服務據點 2 樓教室",
            "county": "TW-TXG",
            "organiser": "臺中市銀髮人才服務據點",
            "registration_url": "https://example.com/45plus/txg-smartphone",
            "registration_deadline": At(5, "12:00"),
            "fee": 200,
            "capacity": 25,
        },
        "body": [
            ("p", "費用新臺幣 200 元為講義及材料費，低收入戶及中低收入戶免費。請自備智慧型手機。"),
            ("img", "digital", "講師在投影幕前示範手機操作，學員跟著練習", "上期課程照片。"),
        ],
    },
    {
        "type": "event",
        "unit": "TW-TPE",
        "slug": "taipei-resume-clinic",
        "title": "臺北市中高齡者履歷健診與模擬面試",
        "summary": "由企業人資主管一對一檢視履歷，並進行模擬面試與回饋。",
        "fields": {
            "start_at": At(-20, "13:30"),
            "end_at": At(-20, "16:30"),
            "venue": "臺北市就業服務處 8 樓會議室",
            "county": "TW-TPE",
            "organiser": "臺北市就業服務處",
            "registration_deadline": At(-23, "17:00"),
            "fee": 0,
            "capacity": 40,
        },
        "body": [
            ("h", "活動已圓滿結束"),
            ("p", "感謝 40 位朋友參加。活動講義可向臺北市就業服務處索取，下一場次日期將另行公告。"),
        ],
    },
    {
        "type": "event",
        "unit": "br-ycn-ec-tainan",
        "slug": "tainan-recruitment-day",
        "title": "臺南就業中心中高齡徵才活動",
        "summary": "製造、餐飲、保全及清潔業者徵才，現場面試、當場錄取。",
        "fields": {
            "start_at": At(30, "09:00"),
            "end_at": At(30, "12:00"),
            "venue": "臺南就業中心 1 樓大廳",
            "county": "TW-TNN",
            "organiser": "臺南就業中心",
            "fee": 0,
        },
        "body": [
            ("p", "免報名，請於活動時間內直接到場。請攜帶履歷表或於現場填寫求職登記表。"),
            ("ul", ["交通：搭乘市公車於就業中心站下車", "停車：鄰近有公有停車場"]),
        ],
    },
    {
        "type": "event",
        "unit": "TW-KHH-desk-1",
        "slug": "kaohsiung-return-to-work-briefing",
        "title": "高雄市就業服務臺「二度就業」說明會",
        "summary": "為離開職場一段時間的朋友說明職業訓練、就業獎勵與臨時工作機會。",
        "fields": {
            "start_at": At(-45, "14:00"),
            "end_at": At(-45, "16:00"),
            "venue": "高雄市政府勞工局訓練就業中心 1 樓",
            "county": "TW-KHH",
            "organiser": "高雄市就業服務臺",
            "registration_deadline": At(-47, "17:00"),
            "fee": 0,
            "capacity": 60,
        },
        "body": [
            ("p", "本場說明會已結束，簡報資料可向服務臺索取。"),
        ],
    },
    # ---------------------------------------------------------------- 新聞稿 press_release
    {
        "type": "press_release",
        "unit": "wda-dsted",
        "slug": "employment-services-results",
        "title": "推動中高齡就業成效顯著　勞動力發展署持續擴大服務量能",
        "summary": "勞動力發展署整合就業中心、銀髮人才資源中心與地方政府資源，協助中高齡及高齡者穩定就業。",
        "fields": {"release_date": Days(-4), "contact_name": "王專員", "contact_phone": "02-8995-6000 轉 1234"},
        "attachments": [("press_results", "新聞稿全文（PDF）")],
        "body": [
            ("p", "勞動力發展署表示，將持續透過就業服務、職業訓練與僱用獎助，協助中高齡及高齡者重返職場、穩定就業。"),
            ("h", "三大服務重點"),
            (
                "ul",
                [
                    "個別化就業服務：由專人評估需求、推介職缺",
                    "職務再設計：改善工作環境與工具",
                    "世代合作：鼓勵資深員工傳承經驗",
                ],
            ),
            ("p", "勞動力發展署呼籲雇主善用中高齡人力，民眾也可撥打 0800-777-888 洽詢。"),
        ],
        "en": {
            "title": "Employment services for workers aged 45+ show results; WDA expands capacity",
            "summary": "The Workforce Development Agency brings together employment centers, silver talent "
            "centers and local governments to help older workers into stable jobs.",
            "fields": {"contact_name": "Mr. Wang"},
            "attachments": [("press_results", "Full press release (PDF)")],
            "body": [
                (
                    "p",
                    "The Workforce Development Agency said it will keep helping middle-aged and older "
                    "people back into work through employment services, training and hiring incentives.",
                ),
                ("h", "Three priorities"),
                ("ul", ["Personal employment services", "Job redesign", "Intergenerational cooperation"]),
                ("p", "Employers are encouraged to hire experienced workers. Questions: 0800-777-888."),
            ],
        },
    },
    {
        "type": "press_release",
        "unit": "wda-planning",
        "slug": "labour-trends",
        "title": "勞動力發展署發布中高齡勞動力運用趨勢觀察",
        "summary": "觀察顯示，部分工時與彈性工作安排是中高齡者延長職業生涯的重要條件。",
        "fields": {"release_date": Days(-12), "contact_name": "李科長", "contact_phone": "02-8995-6000 轉 2101"},
        "attachments": [("press_trends", "趨勢觀察摘要（PDF）")],
        "body": [
            ("p", "綜合規劃組整理近年就業服務資料，觀察中高齡求職者的需求與雇主的用人條件。"),
            ("h", "觀察重點"),
            ("ul", ["求職者重視工作時間彈性與通勤距離", "服務業對中高齡人力需求持續成長", "數位技能是轉職的關鍵"]),
        ],
    },
    {
        "type": "press_release",
        "unit": "br-tcm",
        "slug": "age-friendly-awards",
        "title": "桃竹苗分署表揚友善高齡職場　12 家企業獲獎",
        "summary": "獲獎企業以彈性工時、職務再設計與師徒制，讓資深員工安心工作、經驗得以傳承。",
        "fields": {"release_date": Days(-8), "contact_name": "張股長", "contact_phone": "03-485-5368 轉 301"},
        "attachments": [("press_awards", "獲獎企業名單（PDF）")],
        "body": [
            ("p", "桃竹苗分署今日舉行友善高齡職場表揚典禮，12 家企業獲獎，涵蓋製造、零售、餐飲及照顧服務業。"),
            ("p", "分署表示，將彙整獲獎企業的做法編成案例，提供其他雇主參考。"),
        ],
    },
    {
        "type": "press_release",
        "unit": "br-ycn",
        "slug": "farm-skills-training",
        "title": "雲嘉南分署攜手農會　推動中高齡農業技術人才培訓",
        "summary": "結合在地農會開設農機操作、友善耕作與農產加工課程，協助中高齡者投入農業。",
        "fields": {"release_date": Days(-20), "contact_name": "黃專員", "contact_phone": "06-698-5945 轉 120"},
        "body": [
            ("p", "雲嘉南分署與轄區農會合作，開設適合中高齡者的農業技術課程，結訓學員可由農會協助媒合農事工作。"),
            ("img", "farm", "學員在田間學習操作小型農機", "田間實作課程。"),
        ],
    },
    {
        "type": "press_release",
        "unit": "br-north-silver",
        "slug": "silver-talent-showcase",
        "title": "北區銀髮人才資源中心成果發表　退休專業人才重返職場",
        "summary": "成果發表會分享銀髮人才擔任顧問、講師及技術指導的經驗。",
        "fields": {"release_date": Days(-16), "contact_name": "吳社工", "contact_phone": "02-2833-8060"},
        "body": [
            ("p", "北基宜花金馬區銀髮人才資源中心舉辦年度成果發表會，多位退休人士分享重返職場的歷程。"),
            ("p", "中心表示，退休人士的專業與經驗是企業寶貴的資產，歡迎雇主與中心聯繫媒合。"),
        ],
    },
    {
        "type": "press_release",
        "unit": "br-kpt",
        "slug": "mobile-service-van",
        "title": "高屏澎東分署推出偏鄉中高齡行動就業服務車",
        "summary": "服務車定期前往偏鄉與離島，提供求職登記、職缺查詢與補助諮詢。",
        "fields": {"release_date": Days(-25), "contact_name": "林專員", "contact_phone": "07-821-0171 轉 215"},
        "body": [
            ("p", "為服務交通不便地區的中高齡者，高屏澎東分署推出行動就業服務車，每月巡迴屏東山區、臺東及澎湖。"),
            ("ul", ["求職登記與職缺推介", "職業訓練報名", "補助與津貼諮詢"]),
        ],
    },
    # ---------------------------------------------------------------- 公告 announcement
    {
        "type": "announcement",
        "unit": "wda-dsted",
        "slug": "subsidy-guideline-amendment",
        "title": "公告修正「中高齡者及高齡者就業促進補助作業要點」",
        "summary": "修正補助申請文件及審核期限，自公告日起生效。",
        "fields": {"announcement_date": Days(-5), "valid_until": Days(180)},
        "attachments": [("amendment_table", "修正對照表（PDF）"), ("amendment_odt", "修正條文（ODF）")],
        "body": [
            ("h", "修正重點"),
            ("ul", ["簡化申請應附文件", "審核期限由 30 日縮短為 20 日", "新增線上申請方式"]),
            ("p", "相關文件請參閱附件。"),
        ],
        "en": {
            "title": "Amendment of the guidelines for employment promotion subsidies",
            "summary": "The documents required and the review period change from the date of this announcement.",
            "attachments": [("amendment_table", "Amendment table (PDF)"), ("amendment_odt", "Amended text (ODF)")],
            "body": [
                ("h", "Main changes"),
                (
                    "ul",
                    [
                        "Fewer supporting documents",
                        "Review within 20 days instead of 30",
                        "Applications may be made online",
                    ],
                ),
                ("p", "See the attachments for the full text."),
            ],
        },
    },
    {
        "type": "announcement",
        "unit": "wda-planning",
        "slug": "programme-call",
        "title": "年度中高齡就業促進計畫受理申請公告",
        "summary": "受理地方政府及民間團體申請年度中高齡就業促進計畫補助。",
        "fields": {"announcement_date": Days(-20), "valid_until": Days(40)},
        "attachments": [("programme_call", "申請須知（PDF）")],
        "body": [
            ("p", "申請資格、計畫書格式與審查標準詳見附件，請於期限內將計畫書送達本署。"),
        ],
        "en": {
            "title": "Call for proposals: annual employment promotion programmes for workers aged 45+",
            "summary": "Local governments and non-profit organisations may apply for programme funding.",
            "attachments": [("programme_call", "Call for proposals (PDF)")],
            "body": [("p", "Eligibility, proposal format and selection criteria are in the attachment.")],
        },
    },
    {
        "type": "announcement",
        "unit": "br-north",
        "slug": "office-move",
        "title": "北基宜花金馬分署辦公室搬遷暫停臨櫃服務公告",
        "summary": "搬遷期間暫停臨櫃服務 2 日，線上服務及電話諮詢照常。",
        "fields": {"announcement_date": Days(-3), "valid_until": Days(25)},
        "body": [("p", "造成不便，敬請見諒。急件請洽鄰近就業中心辦理。")],
    },
    {
        "type": "announcement",
        "unit": "br-ccn",
        "slug": "job-redesign-deadline",
        "title": "中彰投分署職務再設計補助申請期限公告",
        "summary": "本年度職務再設計補助受理至額度用罄為止，請雇主儘早提出申請。",
        "fields": {"announcement_date": Days(-30), "valid_until": Days(60)},
        "body": [("p", "申請表件可至分署網站下載，或洽各就業中心索取。")],
    },
    {
        "type": "announcement",
        "unit": "br-kpt-silver",
        "slug": "system-maintenance",
        "title": "高屏澎東區銀髮人才資源中心系統維護暫停服務公告",
        "summary": "線上報名系統將於週末進行維護，期間暫停服務。",
        "fields": {"announcement_date": Days(-2), "valid_until": Days(10)},
        "body": [("p", "維護期間如需報名課程，請於上班時間來電。")],
    },
    {
        "type": "announcement",
        "unit": "br-ycn-silver",
        "slug": "part-time-staff",
        "title": "雲嘉南區銀髮人才資源中心招募兼職行政人員公告",
        "summary": "招募兼職行政人員 2 名，歡迎中高齡者應徵。",
        "fields": {"announcement_date": Days(-7), "valid_until": Days(21)},
        "body": [
            ("ul", ["工作內容：課程報名受理、資料建檔", "工作時間：週一至週五上午", "待遇：依勞動基準法時薪計算"]),
        ],
    },
    {
        # One expired announcement: its validity period has ended, so it is no longer live.
        "type": "announcement",
        "unit": "br-tcm",
        "slug": "trial-work-round-1",
        "title": "桃竹苗分署中高齡職場體驗計畫第一梯次報名公告",
        "summary": "第一梯次報名已截止，第二梯次日期將另行公告。",
        "fields": {"announcement_date": Days(-60), "valid_until": Days(-15)},
        "attachments": [("trial_work", "報名簡章（PDF）")],
        "expired": True,
        "body": [("p", "感謝民眾踴躍報名，第一梯次名額已額滿。")],
    },
    # ---------------------------------------------------------------- 成功就業案例 success_case
    {
        "type": "success_case",
        "unit": "br-north",
        "slug": "tech-retiree-guide",
        "title": "從科技業退休到社區導覽員　陳大哥的第二人生",
        "summary": "退休後一度覺得生活失去重心，陳大哥透過銀髮人才媒合成為社區導覽員。",
        "fields": {
            "person_name": "陳大哥（化名）",
            "age_band": "65+",
            "occupation": "社區導覽員",
            "employer": "大稻埕文史工作室",
            "county": "TW-TPE",
            "photo_consent": True,
            "photo_consent_date": Days(-90),
        },
        "photo": "portrait_a",
        "body": [
            ("h", "退休後的空白"),
            ("p", "在科技業工作三十年，陳大哥 65 歲退休後，發現每天無所事事反而更累。"),
            ("h", "找到新舞臺"),
            ("p", "在就業中心的協助下，他參加導覽人員培訓，現在每週帶三團遊客認識大稻埕的歷史。"),
            ("img", "counseling", "陳大哥與就業服務員討論導覽人員培訓課程", "在就業中心規劃第二人生。"),
            ("p", "「能把自己喜歡的事情變成工作，真的很幸福。」陳大哥說。"),
        ],
        "en": {
            "title": "From tech retiree to community guide: Mr. Chen's second career",
            "summary": "After retiring, Mr. Chen felt his days had lost their purpose. A silver talent match "
            "made him a community guide.",
            "fields": {
                "person_name": "Mr. Chen (alias)",
                "occupation": "Community guide",
                "employer": "Dadaocheng Local History Studio",
            },
            "body": [
                ("h", "The empty days"),
                (
                    "p",
                    "After thirty years in the tech industry, Mr. Chen retired at 65 and found that having "
                    "nothing to do was more tiring than work.",
                ),
                ("h", "A new stage"),
                (
                    "p",
                    "With help from the employment center he trained as a guide and now leads three tours "
                    "a week through Dadaocheng.",
                ),
                (
                    "img",
                    "counseling",
                    "Mr. Chen and an employment officer discuss the guide training course",
                    "Planning a second career at the employment center.",
                ),
            ],
        },
    },
    {
        "type": "success_case",
        "unit": "br-tcm-silver",
        "slug": "warehouse-supervisor",
        "title": "56 歲重返職場　林姐成為物流中心倉儲主任",
        "summary": "照顧家人十年後重回職場，林姐從倉儲助理做起，兩年後升任主任。",
        "fields": {
            "person_name": "林姐（化名）",
            "age_band": "45-64",
            "occupation": "倉儲主任",
            "employer": "桃園某物流公司",
            "county": "TW-TAO",
            "photo_consent": True,
            "photo_consent_date": Days(-60),
        },
        "photo": "portrait_b",
        "body": [
            ("p", "林姐離開職場照顧家人十年，重新求職時擔心跟不上。就業服務員協助她參加倉儲物流職訓課程。"),
            ("img", "factory", "物流中心的貨架與盤點工作站", "林姐工作的物流中心。"),
            ("p", "如今她帶領十多位同事，也常鼓勵同齡朋友勇敢回到職場。"),
        ],
        "en": {
            "title": "Back at work at 56: Ms. Lin now runs a warehouse",
            "summary": "After ten years caring for her family, Ms. Lin started as a warehouse assistant and "
            "was promoted to supervisor two years later.",
            "fields": {
                "person_name": "Ms. Lin (alias)",
                "occupation": "Warehouse supervisor",
                "employer": "A logistics company in Taoyuan",
            },
            "body": [
                (
                    "p",
                    "Ms. Lin had been away from work for ten years. Her employment officer found her a "
                    "logistics training course.",
                ),
                (
                    "img",
                    "factory",
                    "Shelves and a stock-taking station in the logistics center",
                    "The logistics center where Ms. Lin works.",
                ),
                ("p", "She now leads a team of over ten and encourages friends her age to return to work."),
            ],
        },
    },
    {
        "type": "success_case",
        "unit": "br-ccn",
        "slug": "master-carpenter",
        "title": "職務再設計讓老師傅繼續發光　王師傅的木工傳承",
        "summary": "工坊添購輔助設備、調整工時，讓 68 歲的王師傅繼續帶領年輕學徒。",
        "fields": {
            "person_name": "王師傅（化名）",
            "age_band": "65+",
            "occupation": "木工技術指導",
            "employer": "大雅家具工坊",
            "county": "TW-TXG",
            "photo_consent": True,
            "photo_consent_date": Days(-120),
        },
        "photo": "portrait_c",
        "body": [
            ("p", "王師傅做了五十年木工，近年視力與體力不如以往。工坊申請職務再設計補助，添購放大照明與升降工作檯。"),
            ("img", "factory", "木工坊裡可調整高度的升降工作檯與放大照明燈", "職務再設計後的工作站。"),
            ("p", "現在王師傅每天工作六小時，專心指導三位年輕學徒。"),
        ],
    },
    {
        "type": "success_case",
        "unit": "br-ycn-silver",
        "slug": "care-worker-certificate",
        "title": "家庭照顧告一段落　黃阿姨考取照顧服務員證照",
        "summary": "把照顧家人的經驗變成專業，黃阿姨 52 歲考取證照，在長照機構找到穩定工作。",
        "fields": {
            "person_name": "黃阿姨（化名）",
            "age_band": "45-64",
            "occupation": "照顧服務員",
            "employer": "臺南某長照機構",
            "county": "TW-TNN",
        },
        "body": [
            ("p", "黃阿姨照顧公婆多年，就業服務員建議她參加照顧服務員職業訓練，並協助申請訓練期間的生活津貼。"),
            ("p", "結訓後她順利考取證照，現在是機構裡最受長輩信任的照顧服務員。（當事人未同意使用照片，故不刊登。）"),
        ],
    },
    {
        "type": "success_case",
        "unit": "br-kpt",
        "slug": "fisherman-chef",
        "title": "漁村大哥轉行做餐飲　在地食堂當起主廚",
        "summary": "49 歲的阿明哥參加中餐烹調班，把海味料理變成自己的專長。",
        "fields": {
            "person_name": "阿明哥（化名）",
            "age_band": "45-64",
            "occupation": "廚師",
            "employer": "旗津海味食堂",
            "county": "TW-KHH",
        },
        "body": [
            ("p", "漁獲量減少後，阿明哥決定轉行。他參加分署的中餐烹調職訓班，取得丙級證照。"),
            ("p", "現在他在旗津的食堂擔任主廚，用熟悉的漁獲做出道地料理。"),
        ],
    },
    {
        "type": "success_case",
        "unit": "wda-dsted",
        "slug": "electrician",
        "title": "失業一年後透過職業訓練轉型　許先生成為水電技術員",
        "summary": "工廠歇業後，47 歲的許先生參加室內配線訓練，重新找到穩定工作。",
        "fields": {
            "person_name": "許先生（化名）",
            "age_band": "45-64",
            "occupation": "水電技術員",
            "employer": "板橋安心水電行",
            "county": "TW-NWT",
        },
        "body": [
            ("p", "許先生原在工廠擔任作業員，工廠歇業後求職四處碰壁。"),
            ("p", "經就業服務員評估，他參加室內配線職訓課程，結訓後由水電行錄用，並由資深師傅帶領。"),
        ],
    },
    # ---------------------------------------------------------------- 友善頭家 friendly_employer
    {
        "type": "friendly_employer",
        "unit": "br-north-silver",
        "slug": "good-days-bakery",
        "title": "好日子烘焙坊：半日班讓熟齡師傅做得長久",
        "summary": "宜蘭羅東的烘焙坊提供半日班與彈性排班，近半數員工為中高齡者。",
        "fields": {
            "company": "好日子烘焙坊",
            "industry": "餐飲業",
            "county": "TW-ILA",
            "address": "宜蘭縣羅東鎮中正北路 100 號（示範地址）",
            "practices": "半日班與彈性排班；資深師傅帶新人；調整烤箱與工作檯高度，減少彎腰。",
            "openings_url": "https://www.taiwanjobs.gov.tw/",
        },
        "photo": "shop",
        "body": [
            ("p", "老闆說：「資深師傅手感穩、出錯少，是店裡最可靠的人。」"),
            ("img", "shop", "烘焙坊店面與櫥窗中的麵包", "好日子烘焙坊店面。"),
        ],
        "en": {
            "title": "Good Days Bakery: half-day shifts keep experienced bakers working",
            "summary": "A bakery in Luodong, Yilan offers half-day and flexible shifts; nearly half its staff "
            "are aged 45 or over.",
            "fields": {
                "company": "Good Days Bakery",
                "industry": "Food and beverage",
                "address": "100 Zhongzheng N. Rd., Luodong, Yilan County (demo address)",
                "practices": "Half-day and flexible shifts; senior bakers mentor new staff; ovens and "
                "workbenches at a height that spares the back.",
            },
            "body": [
                ("p", "“Our senior bakers have a steady hand and make few mistakes,” says the owner."),
                ("img", "shop", "The bakery's shopfront with bread in the window", "Good Days Bakery."),
            ],
        },
    },
    {
        "type": "friendly_employer",
        "unit": "br-tcm",
        "slug": "hsinchu-precision",
        "title": "竹北精密機械：職務再設計留住資深技術人才",
        "summary": "導入升降工作檯與放大檢測設備，65 歲以上員工可繼續僱用。",
        "fields": {
            "company": "竹北精密機械股份有限公司（示範）",
            "industry": "製造業",
            "county": "TW-HSQ",
            "address": "新竹縣竹北市光明六路 10 號（示範地址）",
            "practices": "職務再設計：升降工作檯、放大檢測設備；65 歲以上繼續僱用；資深技師擔任內部講師。",
            "openings_url": "https://www.taiwanjobs.gov.tw/",
        },
        "photo": "factory",
        "body": [
            ("p", "公司與資深技師一起討論工作站的改善方式，再申請職務再設計補助。"),
            ("img", "factory", "工廠裡可升降的工作檯與放大檢測設備", "改善後的檢測工作站。"),
        ],
        "en": {
            "title": "Zhubei Precision Machinery: job redesign keeps skilled veterans",
            "summary": "Height-adjustable benches and magnifying inspection tools; staff over 65 can stay on.",
            "fields": {
                "company": "Zhubei Precision Machinery Co. (demo)",
                "industry": "Manufacturing",
                "address": "10 Guangming 6th Rd., Zhubei, Hsinchu County (demo address)",
                "practices": "Job redesign with adjustable benches and magnifiers; continued employment "
                "after 65; senior technicians teach in-house courses.",
            },
            "body": [
                (
                    "p",
                    "The company worked out the changes with its senior technicians, then applied for a job "
                    "redesign subsidy.",
                ),
                (
                    "img",
                    "factory",
                    "Height-adjustable benches and magnifying inspection tools in the factory",
                    "The redesigned inspection station.",
                ),
            ],
        },
    },
    {
        "type": "friendly_employer",
        "unit": "br-ccn-silver",
        "slug": "changhua-farm-coop",
        "title": "彰化田園農產合作社：熟齡農友的好夥伴",
        "summary": "合作社聘用在地中高齡者從事分級包裝，工作時間配合農忙季節。",
        "fields": {
            "company": "彰化田園農產合作社（示範）",
            "industry": "農業",
            "county": "TW-CHA",
            "address": "彰化縣溪州鄉中山路 5 號（示範地址）",
            "practices": "配合農忙季節的彈性工時；坐姿作業的分級包裝線；提供交通接駁。",
        },
        "photo": "farm",
        "body": [("p", "合作社表示，熟悉作物的在地長輩是品質把關的關鍵。")],
    },
    {
        "type": "friendly_employer",
        "unit": "br-ycn",
        "slug": "chiayi-inn",
        "title": "嘉義好客旅店：房務工作分段排班",
        "summary": "將房務工作拆成短時段，讓中高齡員工依體力選擇班別。",
        "fields": {
            "company": "嘉義好客旅店（示範）",
            "industry": "住宿服務業",
            "county": "TW-CYI",
            "address": "嘉義市東區中山路 200 號（示範地址）",
            "practices": "房務分段排班；輕量化清潔推車；每年健康檢查。",
            "openings_url": "https://www.taiwanjobs.gov.tw/",
        },
        "body": [("p", "旅店房務團隊平均年齡 55 歲，離職率是業界平均的一半。")],
    },
    {
        "type": "friendly_employer",
        "unit": "br-kpt-silver",
        "slug": "pingtung-home-care",
        "title": "屏東安心居家照顧：就近派案、在地服務",
        "summary": "依照顧服務員住處就近派案，減少通勤負擔。",
        "fields": {
            "company": "屏東安心居家照顧服務中心（示範）",
            "industry": "長期照顧服務業",
            "county": "TW-PIF",
            "address": "屏東縣屏東市自由路 50 號（示範地址）",
            "practices": "就近派案；新進人員由資深照服員陪同服務；提供證照訓練補助。",
        },
        "photo": "generations",
        "body": [("p", "中心目前有七成照顧服務員為 45 歲以上，服務品質深受個案家屬肯定。")],
    },
    {
        "type": "friendly_employer",
        "unit": "wda-dsted",
        "slug": "neighbourhood-market",
        "title": "鄰里好市集超市：門市夥伴不設年齡上限",
        "summary": "門市招募不設年齡上限，並提供 4 小時短班。",
        "fields": {
            "company": "鄰里好市集超市（示範）",
            "industry": "零售業",
            "county": "TW-TPE",
            "address": "臺北市中正區羅斯福路 1 段 1 號（示範地址）",
            "practices": "不設年齡上限；4 小時短班；收銀區設置座椅。",
            "openings_url": "https://www.taiwanjobs.gov.tw/",
        },
        "photo": "shop",
        "body": [("p", "店長說，熟齡夥伴和常客聊得來，是門市最好的招牌。")],
    },
    # ---------------------------------------------------------------- 名人講堂 lecture
    {
        "type": "lecture",
        "unit": "wda-dsted",
        "slug": "career-change-never-too-late",
        "title": "熟齡職涯的下一步：轉職不嫌晚",
        "summary": "職涯發展諮詢師分享中高齡者轉職的準備步驟與常見迷思。",
        "fields": {
            "speaker": "張美華",
            "speaker_title": "職涯發展諮詢師",
            "date": Days(-30),
            "video_url": "https://video.example.com/45plus/lecture-01",
        },
        "body": [
            ("h", "講座重點"),
            ("ul", ["盤點可轉移的能力", "從興趣與需求找方向", "善用政府的職訓與補助資源"]),
            ("img", "lecture", "講者在講臺上演講，臺下坐滿聽眾", "講座現場。"),
        ],
        "en": {
            "title": "The next step in a mature career: it is never too late to change",
            "summary": "A career counsellor on preparing for a career change after 45, and the usual myths.",
            "fields": {"speaker": "Chang Mei-hua", "speaker_title": "Career development counsellor"},
            "body": [
                ("h", "Highlights"),
                (
                    "ul",
                    [
                        "Take stock of transferable skills",
                        "Start from your interests and needs",
                        "Use public training and subsidies",
                    ],
                ),
                ("img", "lecture", "The speaker on stage in front of a full audience", "At the lecture."),
            ],
        },
    },
    {
        "type": "lecture",
        "unit": "br-north",
        "slug": "digital-tools-at-work",
        "title": "數位工具讓工作更輕鬆",
        "summary": "從雲端文件到通訊軟體，社區大學講師示範中高齡者最常用的數位工具。",
        "fields": {
            "speaker": "李志明",
            "speaker_title": "社區大學數位講師",
            "date": Days(-14),
            "video_url": "https://video.example.com/45plus/lecture-02",
        },
        "body": [("p", "講師以實際工作情境示範，從排班表、請假到線上開會，一步一步帶大家上手。")],
        "en": {
            "title": "Digital tools that make work easier",
            "summary": "From shared documents to messaging apps, a community college teacher demonstrates the "
            "tools older workers use most.",
            "fields": {"speaker": "Lee Chih-ming", "speaker_title": "Digital skills teacher, community college"},
            "body": [("p", "Real workplace examples: shift rotas, leave requests and online meetings.")],
        },
    },
    {
        "type": "lecture",
        "unit": "br-ccn-silver",
        "slug": "retire-not-retreat",
        "title": "退休不退場：銀髮創業經驗分享",
        "summary": "退休後開設社區咖啡館的吳先生，分享創業前的評估與經營心得。",
        "fields": {
            "speaker": "吳文雄",
            "speaker_title": "退休創業家、社區咖啡館負責人",
            "date": Days(-45),
            "video_url": "https://video.example.com/45plus/lecture-03",
        },
        "body": [("p", "創業不必孤軍奮戰，善用銀髮人才資源中心的諮詢與課程，可以少走很多冤枉路。")],
    },
    {
        "type": "lecture",
        "unit": "br-kpt",
        "slug": "health-and-stamina",
        "title": "健康體能與職場續航力",
        "summary": "物理治療師教你在工作中保護肩頸與腰背，維持良好體能。",
        "fields": {
            "speaker": "陳怡君",
            "speaker_title": "物理治療師",
            "date": Days(-60),
            "video_url": "https://video.example.com/45plus/lecture-04",
        },
        "body": [("ul", ["每工作一小時起身活動", "搬重物的正確姿勢", "簡單的伸展操"])],
    },
    {
        "type": "lecture",
        "unit": "br-tcm-silver",
        "slug": "working-across-generations",
        "title": "跨世代溝通：如何與年輕同事合作",
        "summary": "人力資源顧問分析世代差異，提供實用的溝通技巧。",
        "fields": {
            "speaker": "周建宏",
            "speaker_title": "人力資源顧問",
            "date": Days(-7),
            "video_url": "https://video.example.com/45plus/lecture-05",
        },
        "body": [("p", "尊重彼此的工作習慣，把經驗說清楚、也願意向年輕人學習，是跨世代合作的關鍵。")],
    },
    {
        "type": "lecture",
        "unit": "br-ycn",
        "slug": "resume-and-interview",
        "title": "中高齡求職履歷與面試技巧",
        "summary": "就業服務督導教你寫出凸顯經驗的履歷，並從容應對面試。",
        "fields": {
            "speaker": "郭淑芬",
            "speaker_title": "就業服務督導",
            "date": Days(-3),
            "video_url": "https://video.example.com/45plus/lecture-06",
        },
        "body": [("ul", ["履歷一到兩頁就好", "用具體成果說明經驗", "面試前先了解公司"])],
    },
    # ---------------------------------------------------------------- 世代合作 generation_cooperation
    {
        "type": "generation_cooperation",
        "unit": "br-north",
        "slug": "keelung-boat-repair",
        "title": "老幹新枝：基隆港邊修船技藝傳承",
        "summary": "資深修船師傅與青年技術員搭檔，把修船手藝傳給下一代。",
        "fields": {
            "project_name": "基隆港邊修船技藝傳承計畫（示範）",
            "county": "TW-KEE",
            "cooperation": "資深師傅與青年技術員一對一搭檔，每週安排兩天共同作業，師傅示範、青年操作。",
            "outcome": "一年內培養 6 位青年技術員，資深師傅改為指導職，工作負擔減輕。",
        },
        "photo": "generations",
        "body": [
            ("p", "船廠過去面臨技術斷層，透過世代合作，師傅的經驗有系統地傳承給年輕人。"),
            ("img", "generations", "資深師傅與年輕技術員一起檢查船體", "師徒一起工作。"),
        ],
        "en": {
            "title": "Old roots, new branches: boat repair skills passed on in Keelung",
            "summary": "Veteran boat repairers pair with young technicians to hand down their craft.",
            "fields": {
                "project_name": "Keelung harbour boat repair skills project (demo)",
                "cooperation": "Each veteran works with one young technician two days a week: "
                "the veteran shows, the technician does.",
                "outcome": "Six young technicians trained in a year; the veterans moved into "
                "instructor roles with a lighter workload.",
            },
            "body": [
                ("p", "The shipyard faced losing its know-how; pairing the generations passes it on systematically."),
                (
                    "img",
                    "generations",
                    "A veteran and a young technician inspect a hull together",
                    "Master and apprentice at work.",
                ),
            ],
        },
    },
    {
        "type": "generation_cooperation",
        "unit": "br-tcm",
        "slug": "hakka-rice-workshop",
        "title": "桃園客家米食工坊世代共學",
        "summary": "客家阿姨教年輕店員做米食，年輕人協助經營網路銷售。",
        "fields": {
            "project_name": "客家米食工坊（示範）",
            "county": "TW-TAO",
            "cooperation": "長輩負責傳統米食製作與品質，年輕人負責包裝設計與網路銷售，每月共同開發新產品。",
            "outcome": "網路訂單成長一倍，三位中高齡員工轉為正職。",
        },
        "photo": "generations",
        "body": [("p", "工坊的粄條、菜包都出自阿姨們的手藝，年輕夥伴則把好味道賣到全臺灣。")],
        "en": {
            "title": "Learning together at a Hakka rice food workshop in Taoyuan",
            "summary": "Hakka aunties teach young staff traditional rice dishes; the young staff run online sales.",
            "fields": {
                "project_name": "Hakka rice food workshop (demo)",
                "cooperation": "The elders make the food and keep its quality; the young design the "
                "packaging and sell online. New products are developed together every month.",
                "outcome": "Online orders doubled and three older workers were taken on full time.",
            },
            "body": [("p", "The recipes are the aunties'; the young team takes them to customers across Taiwan.")],
        },
    },
    {
        "type": "generation_cooperation",
        "unit": "br-ccn",
        "slug": "nantou-tea-garden",
        "title": "南投茶園青銀共作計畫",
        "summary": "老茶農傳授製茶技術，返鄉青年導入有機認證與品牌行銷。",
        "fields": {
            "project_name": "南投茶園青銀共作計畫（示範）",
            "county": "TW-NAN",
            "cooperation": "老茶農指導採茶與製茶，青年負責有機認證文件、品牌與通路。",
            "outcome": "取得有機驗證，茶園收入提升，並吸引兩位青年返鄉。",
        },
        "photo": "farm",
        "body": [("img", "farm", "茶園裡一老一少正在採茶", "茶園的青銀共作。")],
    },
    {
        "type": "generation_cooperation",
        "unit": "br-ycn-silver",
        "slug": "yunlin-farm-machinery",
        "title": "雲林農機維修師徒制",
        "summary": "資深農機技師與青年學徒一起出勤，維修技術不斷層。",
        "fields": {
            "project_name": "雲林農機維修師徒制（示範）",
            "county": "TW-YUN",
            "cooperation": "資深技師帶學徒出勤維修，學徒協助記錄維修步驟並製作教學影片。",
            "outcome": "完成 40 部維修教學影片，學徒取得技術士證照。",
        },
        "body": [("p", "教學影片也提供給轄區農會，作為農民自主保養的參考。")],
    },
    {
        "type": "generation_cooperation",
        "unit": "br-kpt",
        "slug": "penghu-net-weaving",
        "title": "澎湖漁網編織技藝傳承",
        "summary": "漁村長輩教青年編織傳統漁網，並開發文創商品。",
        "fields": {
            "project_name": "澎湖漁網編織工作坊（示範）",
            "county": "TW-PEN",
            "cooperation": "長輩傳授編網技法，青年設計文創商品並經營市集攤位。",
            "outcome": "開發 8 項文創商品，長輩每月增加穩定收入。",
        },
        "body": [("p", "傳統技藝因此有了新的市場，也讓青年更了解家鄉。")],
    },
    {
        "type": "generation_cooperation",
        "unit": "wda-dsted",
        "slug": "silver-mentors-for-startups",
        "title": "銀髮顧問陪跑青年創業計畫",
        "summary": "退休企業主管擔任青年創業顧問，分享財務、管理與行銷經驗。",
        "fields": {
            "project_name": "銀髮顧問陪跑青年創業計畫（示範）",
            "county": "TW-TPE",
            "cooperation": "每位顧問陪伴兩組青年創業團隊，每月面談一次，並協助檢視營運計畫。",
            "outcome": "首年陪伴 30 組團隊，八成團隊營運滿一年。",
        },
        "photo": "counseling",
        "body": [("p", "銀髮顧問說：「看到年輕人成長，就像再創業一次。」")],
    },
]
