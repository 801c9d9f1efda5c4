"""Hand translations (zh-Hant, Taiwan) of Wagtail admin strings that neither Wagtail's zh_Hant
nor its zh_Hans catalogue translates. Used by scripts/build_wagtail_zh_hant.py.

Why by hand: these are the strings our editors, reviewers and account managers still saw in
English (dashboard, page explorer and editor, workflow and moderation, side panels, choosers,
images/documents, users, reports, settings, search). Glossary: 頁面, 文件 (document), 圖片,
片段 (snippet), 工作流程, 審核 (moderation), 發布 (publish), 草稿, 版本 (revision), 作業 (task,
as Wagtail's zh_Hant), 語系 (locale), 網站 (site).

Keys are the exact English msgids (for plurals: the singular msgid; the value then carries
the plural form's placeholders, since Chinese has one plural form). Placeholders must be kept:
the build script refuses an entry that loses or adds one. Developer-only strings (styleguide,
search promotions, table block, API v3, sitemaps) are deliberately not translated.
"""

MANUAL: dict[str, str] = {
    # --- Account, preferences, dashboard -------------------------------------------------
    "Use server language: %(language_name)s": "使用伺服器語言：%(language_name)s",
    "Can access Wagtail admin": "可進入 Wagtail 管理介面",
    "item": "項目",
    "items": "項目",
    "Go to the first error": "前往第一個錯誤",
    "Actions (footer)": "動作（頁尾）",
    "Wagtail %(current_version)s editor guide": "Wagtail %(current_version)s 編輯指南",
    "Privacy and access": "隱私與存取",
    '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>': (
        '%(total)s 個頁面 <span class="w-sr-only">建立於 %(site_name)s</span>'
    ),
    '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>': (
        '%(total)s 份文件 <span class="w-sr-only">建立於 %(site_name)s</span>'
    ),
    '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>': (
        '%(total)s 張圖片 <span class="w-sr-only">建立於 %(site_name)s</span>'
    ),
    "Wagtail upgrade available": "有新版 Wagtail 可升級",
    'Your version: <strong>%(current_version)s</strong>. New version: <strong data-w-upgrade-target="latestVersion"></strong>.': (
        '目前版本：<strong>%(current_version)s</strong>。新版本：<strong data-w-upgrade-target="latestVersion"></strong>。'
    ),
    "Read the release notes.": "閱讀版本說明。",
    "Your pages and snippets in a workflow": "您在工作流程中的頁面與片段",
    "Things in Wagtail %(version)s have changed!": "Wagtail %(version)s 有些地方改變了！",
    'Don\'t worry, we\'ve got your back. Check out the <a class="w-whats-new__link" href="%(editor_guide_link)s" target="_blank" rel="noreferrer">Wagtail Editor Guide</a> to get the low down on what\'s changed and some exciting new features!': (
        '別擔心，請參閱 <a class="w-whats-new__link" href="%(editor_guide_link)s" target="_blank" rel="noreferrer">Wagtail 編輯指南</a>，了解有哪些改變與新功能。'
    ),
    "Edit account avatar": "編輯帳號頭像",
    "account": "帳號",
    "Keyboard shortcuts are currently disabled; manage your %(account_link)s to enable them.": (
        "鍵盤快捷鍵目前已停用；可在您的%(account_link)s設定中啟用。"
    ),
    "Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them.": (
        "鍵盤快捷鍵目前已啟用；可在您的%(account_link)s設定中停用。"
    ),
    "Theme preferences": "佈景主題偏好",
    "admin theme": "管理介面佈景主題",
    "More contrast": "較高對比",
    "contrast": "對比",
    "Snug": "緊湊",
    "density": "密度",
    "Enable custom keyboard shortcuts specific to Wagtail.": "啟用 Wagtail 專屬的鍵盤快捷鍵。",
    "Required. Letters, digits and @/./+/-/_ only.": "必填。只能使用英文字母、數字與 @/./+/-/_。",
    "System": "系統",
    "Application": "應用程式",
    "Shortcuts": "快捷鍵",
    "Show keyboard shortcuts": "顯示鍵盤快捷鍵",
    "Toggle minimap": "切換小地圖",
    "Close modal dialogs (like this one)": "關閉對話框（例如這一個）",
    "Save changes": "儲存變更",
    "Add or show comments": "新增或顯示評論",
    "Text editing": "文字編輯",
    "Cut": "剪下",
    "Paste": "貼上",
    "Paste and match style": "貼上並符合樣式",
    "Paste without formatting": "貼上純文字",
    "Text formatting": "文字格式",
    "Insert or edit a link": "插入或編輯連結",
    "Monospace (code)": "等寬字（程式碼）",
    "Strike-through": "刪除線",
    "Section": "區段",
    # --- Workflow and moderation ---------------------------------------------------------
    "This %(model_name)s is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>.": (
        "此%(model_name)s目前在<strong>%(workflow)s</strong>的<strong>%(task)s</strong>作業。"
    ),
    "Publishing this %(model_name)s will cancel the current workflow.": "發布此%(model_name)s將取消目前的工作流程。",
    'The %(model_name)s "%(title)s" has been approved in moderation stage "%(task)s".': (
        "%(model_name)s「%(title)s」已在審核階段「%(task)s」核准。"
    ),
    'The %(model_name)s "%(title)s" has been approved in "%(task)s".': "%(model_name)s「%(title)s」已在「%(task)s」核准。",
    'The %(model_name)s "%(title)s" has been rejected in moderation stage "%(task)s".': (
        "%(model_name)s「%(title)s」已在審核階段「%(task)s」被退回。"
    ),
    'The %(model_name)s "%(title)s" has been rejected during "%(task)s".': "%(model_name)s「%(title)s」已在「%(task)s」被退回。",
    'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s".': (
        "%(model_name)s「%(title)s」已送交審核階段「%(task)s」核准。"
    ),
    'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s"': (
        "%(model_name)s「%(title)s」已送交審核階段「%(task)s」核准"
    ),
    'The %(model_name)s "%(title)s" has been submitted for approval to moderation stage "%(task)s".': (
        "%(model_name)s「%(title)s」已送交審核階段「%(task)s」核准。"
    ),
    "You can preview the %(model_name)s here:": "您可以在此預覽%(model_name)s：",
    'The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".': (
        "%(model_name)s「%(title)s」已在工作流程「%(workflow)s」核准。"
    ),
    'The %(model_name)s "%(title)s" has been approved in "%(workflow)s".': "%(model_name)s「%(title)s」已在「%(workflow)s」核准。",
    'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.': (
        "%(model_name)s「%(title)s」已由 %(rejector)s 在工作流程「%(workflow)s」的「%(task)s」退回。"
    ),
    'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".': (
        "%(model_name)s「%(title)s」已在工作流程「%(workflow)s」的「%(task)s」被退回。"
    ),
    'The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".': "%(model_name)s「%(title)s」已在「%(workflow)s」被退回。",
    'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.': (
        "%(model_name)s「%(title)s」已由 %(requester)s 送交工作流程「%(workflow)s」審核。"
    ),
    'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s".': (
        "%(model_name)s「%(title)s」已送交工作流程「%(workflow)s」審核。"
    ),
    'The page "%(title)s" has been submitted to workflow "%(workflow)s"': "頁面「%(title)s」已送交工作流程「%(workflow)s」",
    'The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"': (
        "%(model_name)s「%(title)s」已送交工作流程「%(workflow)s」"
    ),
    "This page was marked as needing changes at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>.": (
        "此頁面在<strong>%(workflow)s</strong>的<strong>%(task)s</strong>作業被標示為需要修改。"
    ),
    "This page is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>.": (
        "此頁面目前在<strong>%(workflow)s</strong>的<strong>%(task)s</strong>作業。"
    ),
    "This %(model_name)s hasn't been submitted for moderation yet": "此%(model_name)s尚未送交審核",
    "This workflow is currently in progress on %(workflow_states_in_progress)s pages. Deleting this workflow will cancel moderation on these page. Are you sure you want to delete this workflow?": (
        "此工作流程目前正在 %(workflow_states_in_progress)s 個頁面上進行。刪除此工作流程將取消這些頁面的審核。確定要刪除此工作流程嗎？"
    ),
    "Assign your workflow to snippets": "將工作流程指派給片段",
    "This workflow is disabled so it cannot be assigned to any snippets.": "此工作流程已停用，無法指派給任何片段。",
    "Disabled": "已停用",
    "1 snippet type": "%(counter)s 種片段類型",
    "Cancelled by %(cancelled_by)s": "由 %(cancelled_by)s 取消",
    "at %(time)s by %(user_display_name)s": "%(user_display_name)s 於 %(time)s",
    "at %(time)s": "於 %(time)s",
    "%(time)s by %(user_display_name)s": "%(user_display_name)s 於 %(time)s",
    "%(time_period)s ago by %(user_display_name)s": "%(user_display_name)s 於 %(time_period)s前",
    "Changes requested %(finished_at)s": "已要求修改 %(finished_at)s",
    "Sent to %(task_name)s %(started_at)s": "已送交 %(task_name)s %(started_at)s",
    "%(status_display)s %(task_name)s %(started_at)s": "%(status_display)s %(task_name)s %(started_at)s",
    "%(model_name)s '%(object)s' has been submitted for moderation.": "%(model_name)s「%(object)s」已送交審核。",
    "%(model_name)s '%(object)s' created and submitted for moderation.": "%(model_name)s「%(object)s」已建立並送交審核。",
    "Workflow on %(model_name)s '%(object)s' has been restarted.": "%(model_name)s「%(object)s」的工作流程已重新開始。",
    "Workflow on %(model_name)s '%(object)s' has been cancelled.": "%(model_name)s「%(object)s」的工作流程已取消。",
    "The %(model_name)s '%(title)s' is not currently awaiting moderation.": "%(model_name)s「%(title)s」目前不在等待審核。",
    "The %(model_name)s '%(title)s' is not currently awaiting moderation in task '%(task_name)s'.": (
        "%(model_name)s「%(title)s」目前不在作業「%(task_name)s」等待審核。"
    ),
    "By task": "依作業",
    "By workflow": "依工作流程",
    "Show disabled": "顯示已停用",
    "This workflow is in progress on %(states_in_progress)d page/snippet. Disabling this workflow will cancel moderation on this page/snippet.": (
        "此工作流程正在 %(states_in_progress)d 個頁面／片段上進行。停用此工作流程將取消這些頁面／片段的審核。"
    ),
    "This task is in progress on %(states_in_progress)d page/snippet. Disabling this task will cause it to be skipped in the moderation workflow and not be listed for selection when editing a workflow.": (
        "此作業正在 %(states_in_progress)d 個頁面／片段上進行。停用此作業後，審核工作流程將略過它，編輯工作流程時也不會列出供選擇。"
    ),
    "This %(model_name)s is currently awaiting moderation.": "此%(model_name)s目前正在等待審核。",
    "This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> workflow.": (
        "此{model_name}正在等待<b>「{workflow_name}」</b>工作流程中的<b>「{task_name}」</b>作業。"
    ),
    "Only reviewers for this task can edit the %(model_name)s.": "只有此作業的審核者可以編輯此%(model_name)s。",
    "Locked by workflow": "被工作流程鎖定",
    "Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing": (
        "審核者可以編輯此%(model_name)s — 鎖定後其他審核者便無法編輯"
    ),
    "Only reviewers can edit and approve the %(model_name)s": "只有審核者可以編輯及核准此%(model_name)s",
    "There may only be one in progress or needs changes workflow state per page/snippet.": (
        "每個頁面／片段只能有一個進行中或需要修改的工作流程狀態。"
    ),
    "Workflow '%(workflow_name)s' on %(model_name)s '%(title)s': %(status)s": (
        "%(model_name)s「%(title)s」的工作流程「%(workflow_name)s」：%(status)s"
    ),
    "Active workflows can be added to pages/snippets. Deactivating a workflow does not remove it from existing pages/snippets.": (
        "啟用中的工作流程可以加到頁面／片段。停用工作流程不會把它從既有的頁面／片段移除。"
    ),
    "Pages/snippets at this step in a workflow will be moderated or approved by these groups of users": (
        "位於工作流程此步驟的頁面／片段，將由這些使用者群組審核或核准"
    ),
    "Task '%(task_name)s' on Revision '%(revision_info)s': %(status)s": "版本「%(revision_info)s」的作業「%(task_name)s」：%(status)s",
    "Resubmitted '%(task)s'. Workflow resumed": "已重新送交「%(task)s」，工作流程繼續",
    # --- Page explorer, listing, search --------------------------------------------------
    'You do not have permission to publish pages at "%(page_title)s"': "您沒有權限在「%(page_title)s」下發布頁面",
    "The slug '%(page_slug)s' is already in use within the parent page.": "網址代稱「%(page_slug)s」已被同一上層頁面下的其他頁面使用。",
    "The slug '%(page_slug)s' is already in use within the parent page at '%(parent_url_path)s'.": (
        "網址代稱「%(page_slug)s」已被上層頁面「%(parent_url_path)s」下的其他頁面使用。"
    ),
    "The slug '%(page_slug)s' is already in use at the selected parent page. Make sure the slug is unique and try again.": (
        "網址代稱「%(page_slug)s」已被所選上層頁面下的其他頁面使用。請改用不重複的代稱後再試一次。"
    ),
    "The new page will be a child of this given parent page.": "新頁面將成為此上層頁面的子頁面。",
    "Tag(s) %(value_too_long)s are over %(max_tag_length)d characters.": "標籤 %(value_too_long)s 超過 %(max_tag_length)d 個字元。",
    'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?': (
        '沒有可顯示的%(model_name)s。要不要<a href="%(add_url)s">新增一個</a>？'
    ),
    "Moved down 1 place.": "已下移 %(counter)s 個位置。",
    "Moved up 1 place.": "已上移 %(counter)s 個位置。",
    "Changing the privacy for this page has been disabled.": "此頁面的隱私設定已被停用，無法變更。",
    "The root level is where you can add new sites to your Wagtail installation. Pages created here will not be accessible at any URL until they are associated with a site.": (
        "根層級用來新增網站。在此建立的頁面在與某個網站關聯之前，無法從任何網址瀏覽。"
    ),
    "If you just want to add pages to an existing site, create them as children of the homepage instead.": (
        "若只是要在既有網站新增頁面，請把頁面建立在首頁之下。"
    ),
    "Pages created here will not be accessible at any URL. To add pages to an existing site, create them as children of the homepage.": (
        "在此建立的頁面無法從任何網址瀏覽。若要在既有網站新增頁面，請把頁面建立在首頁之下。"
    ),
    "There is no site set up for this location. Pages created here will not be accessible at any URL until a site is associated with this location.": (
        "此位置尚未設定網站。在此位置與網站關聯之前，在此建立的頁面無法從任何網址瀏覽。"
    ),
    "There is no site record for this location. Pages created here will not be accessible at any URL.": (
        "此位置沒有網站紀錄。在此建立的頁面無法從任何網址瀏覽。"
    ),
    "This page is locked, by you, to further editing": "此頁面已被您鎖定，無法再編輯",
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site.": (
        "全站共 %(items_count)s 筆%(model_name)s，第 %(start_index)s–%(end_index)s 筆。"
    ),
    "No results across entire site.": "全站沒有結果。",
    "Search in '<span class=\"w-title-ellipsis\">%(title)s</span>'": '在「<span class="w-title-ellipsis">%(title)s</span>」中搜尋',
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in '<span class=\"w-title-ellipsis\">%(title)s</span>'.": (
        '「<span class="w-title-ellipsis">%(title)s</span>」中共 %(items_count)s 筆%(model_name)s，'
        "第 %(start_index)s–%(end_index)s 筆。"
    ),
    "No results in '<span class=\"w-title-ellipsis\">%(title)s</span>'.": '「<span class="w-title-ellipsis">%(title)s</span>」中沒有結果。',
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s": "共 %(items_count)s 筆%(model_name)s，第 %(start_index)s–%(end_index)s 筆",
    "There is one matching page": "共有 %(counter)s 個符合的頁面",
    'JavaScript is required to use Wagtail, but it is currently disabled.<br /> Here are the <a href="https://www.enable-javascript.com/" target="_blank" rel="noreferrer">instructions how to enable JavaScript in your web browser</a>.': (
        'Wagtail 需要 JavaScript，但目前已停用。<br /> 請參閱<a href="https://www.enable-javascript.com/" target="_blank" rel="noreferrer">在瀏覽器啟用 JavaScript 的說明</a>。'
    ),
    "Item %(index)s of %(total)s": "第 %(index)s 項，共 %(total)s 項",
    "Disable custom ordering": "停用自訂排序",
    "Enable custom ordering": "啟用自訂排序",
    "More bulk actions": "更多批次操作",
    "(blank)": "（空白）",
    "Sort by '%(label)s' in ascending order.": "依「%(label)s」遞增排序。",
    "Sort by '%(label)s' in descending order.": "依「%(label)s」遞減排序。",
    "'%(page_title)s' has been moved successfully.": "「%(page_title)s」已移動完成。",
    "Focus on the drag button and press up or down arrows to move the item, then press enter to submit the change.": (
        "將焦點移到拖曳按鈕，按上或下方向鍵移動項目，再按 Enter 送出變更。"
    ),
    "No %(model_name)s match your query.": "沒有符合查詢的%(model_name)s。",
    "Sort item order": "排列項目順序",
    "Search all pages…": "搜尋所有頁面…",
    "Privacy is inherited from the ancestor page - %(ancestor_page)s": "隱私設定繼承自上層頁面 — %(ancestor_page)s",
    "Choose parent": "選擇上層頁面",
    "Is commenting action": "是否為評論動作",
    "Date updated": "更新日期",
    "Edited by": "編輯者",
    "Has child pages": "有子頁面",
    "Any": "任何",
    "Page type": "頁面類型",
    "Exploring": "瀏覽中",
    "Placeholder title": "暫定標題",
    "Page types usage": "頁面類型使用情形",
    "Locked by": "鎖定者",
    "Anyone": "任何人",
    "%(num_pages)d pages and %(num_others)d others": "%(num_pages)d 個頁面及其他 %(num_others)d 項",
    "%(num_pages)d page": "%(num_pages)d 個頁面",
    "Unknown content type": "未知的內容類型",
    "Date cannot be in the future.": "日期不可晚於今天。",
    "- Select an option -": "－ 請選擇 －",
    "locale": "語系",
    "for content type": "內容類型",
    # --- Page editor, side panels, scheduling, locking -----------------------------------
    "Preview cannot display due to validation errors. <br /> Click save to highlight the relevant fields.": (
        "因驗證錯誤無法顯示預覽。<br /> 按「儲存」以標示相關欄位。"
    ),
    "Scheduling…": "排程中…",
    "Schedule to publish": "排程發布",
    "Choose when this %(model_name)s should go live and/or expire": "選擇此%(model_name)s上線及／或下線的時間",
    "Choose when this page should go live and/or expire": "選擇此頁面上線及／或下線的時間",
    'This publishing schedule will only take effect after you select the "Schedule to publish" option': (
        "選擇「排程發布」後，此發布排程才會生效"
    ),
    "Anyone with editing permissions can create schedules": "有編輯權限的人都可以建立排程",
    "But only those with publishing permissions can make them effective.": "但只有具發布權限的人能讓排程生效。",
    "Locked by <b>you</b> at <b>%(locking_date)s</b>": "由<b>您</b>於 <b>%(locking_date)s</b> 鎖定",
    "Locked by <b>%(locked_by)s</b> at <b>%(locking_date)s</b>": "由 <b>%(locked_by)s</b> 於 <b>%(locking_date)s</b> 鎖定",
    "%(field_label)s:": "%(field_label)s：",
    "Saved": "已儲存",
    "Autosave is paused": "自動儲存已暫停",
    "Autosave is <span>paused</span>": "自動儲存已<span>暫停</span>",
    "You saved a new version in another window": "您在另一個視窗儲存了新版本",
    "%(user_name)s saved a new version": "%(user_name)s 儲存了新版本",
    "View latest version": "檢視最新版本",
    "You have unsaved changes in another window": "您在另一個視窗有尚未儲存的變更",
    "%(user_name)s has unsaved changes": "%(user_name)s 有尚未儲存的變更",
    "Currently idle": "目前閒置",
    "Currently viewing": "正在檢視",
    "One other user is currently viewing": "另有 %(num_user)s 位使用者正在檢視",
    "Proceeding will overwrite the changes you made in that window.": "繼續將覆寫您在該視窗所做的變更。",
    "Proceeding will overwrite the changes made by %(user_name)s.": "繼續將覆寫 %(user_name)s 所做的變更。",
    "Alternatively, you can view the latest version in a new tab.": "或者，您可以在新分頁檢視最新版本。",
    "A network error occurred": "發生網路錯誤",
    "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version.": (
        "請先排除與網站的連線問題再繼續。可在另一個分頁開啟編輯器，檢視最後儲存的版本。"
    ),
    "Show issue": "顯示問題",
    "Content metrics": "內容指標",
    "Words": "字數",
    "Reading time": "閱讀時間",
    "Readability": "易讀性",
    "This data explained": "資料說明",
    "How we calculate our metrics": "指標的計算方式",
    "We extract the main content from the page preview, remove all formatting, and calculate the number of words.": (
        "我們從頁面預覽擷取主要內容，移除所有格式後計算字數。"
    ),
    "We calculate reading time from word count, using different reading speeds for different languages.": (
        "我們依字數計算閱讀時間，不同語言採用不同的閱讀速度。"
    ),
    "We use a readability formula based on length of words and sentences. Long sentences and words result in a worse readability score.": (
        "我們以詞語與句子長度為基礎的公式計算易讀性；句子與詞語越長，分數越差。"
    ),
    'See our <a href="%(guide_link)s" target="_blank">content checks guide</a> for more information on how content metrics are calculated.': (
        '內容指標的計算方式，請參閱<a href="%(guide_link)s" target="_blank">內容檢查指南</a>。'
    ),
    "Available in %(translations_total)s locales": "有 %(translations_total)s 種語系版本",
    "Locking: ": "鎖定：",
    "Anyone can edit this %(model_name)s – lock it to prevent others from editing": "任何人都可以編輯此%(model_name)s — 鎖定後他人便無法編輯",
    "Anyone can edit this %(model_name)s": "任何人都可以編輯此%(model_name)s",
    "Choose who can view the live version of this page": "選擇誰可以檢視此頁面的上線版本",
    "To be created by %(user)s": "將由 %(user)s 建立",
    "Invalid schedule": "排程無效",
    "Go-live:": "上線：",
    "Once scheduled:": "排程後：",
    "Refreshing…": "重新整理中…",
    "Refresh": "重新整理",
    "Correct the validation errors to resume preview (saving will highlight errors)": "請修正驗證錯誤以恢復預覽（儲存時會標示錯誤）",
    "Save your changes before leaving": "離開前請先儲存變更",
    "This %(model_name)s is referenced %(usage_count)s time.": "此%(model_name)s被引用 %(usage_count)s 次。",
    "One or more references to this %(model_name)s prevent it from being deleted.": "此%(model_name)s有引用存在，無法刪除。",
    "Status %(status)s": "狀態：%(status)s",
    "%(action)s by <b>%(who)s</b> at <b>%(at)s</b>": "<b>%(who)s</b> 於 <b>%(at)s</b> %(action)s",
    "%(action)s at <b>%(at)s</b>": "於 <b>%(at)s</b> %(action)s",
    "%(action)s by <b>%(who)s</b>": "<b>%(who)s</b> %(action)s",
    "Checks": "檢查",
    "Toggle checks": "切換檢查",
    "Referenced %(count)s time": "被引用 %(count)s 次",
    "No one can make changes while the %(model_name)s is locked": "此%(model_name)s鎖定期間，任何人都不能修改",
    "<b>'{title}' was locked</b> by <b>you</b> on <b>{datetime}</b>.": "<b>「{title}」已鎖定</b>：由<b>您</b>於 <b>{datetime}</b> 鎖定。",
    "<b>'{title}' is locked</b> by <b>you</b>.": "<b>「{title}」已鎖定</b>：由<b>您</b>鎖定。",
    "<b>'{title}' was locked</b> by <b>{user}</b> on <b>{datetime}</b>.": "<b>「{title}」已鎖定</b>：由 <b>{user}</b> 於 <b>{datetime}</b> 鎖定。",
    "<b>'{title}' is locked</b>.": "<b>「{title}」已鎖定</b>。",
    "Locked by you": "被您鎖定",
    "Locked by another user": "被其他使用者鎖定",
    "Only you can make changes while the %(model_name)s is locked": "此%(model_name)s鎖定期間，只有您可以修改",
    "Only %(user)s can make changes while the %(model_name)s is locked": "此%(model_name)s鎖定期間，只有 %(user)s 可以修改",
    "{model_name} '{title}' is locked and has been scheduled to go live at {datetime}": "{model_name}「{title}」已鎖定，並排程於 {datetime} 上線",
    "Locked by schedule": "被排程鎖定",
    "Currently locked and will go live on the scheduled date": "目前已鎖定，將於排程日期上線",
    "%(model_name)s '%(title)s' is now unlocked.": "%(model_name)s「%(title)s」已解除鎖定。",
    "%(model_name)s '%(object)s' has been scheduled for publishing.": "%(model_name)s「%(object)s」已排程發布。",
    "%(model_name)s '%(object)s' created and scheduled for publishing.": "%(model_name)s「%(object)s」已建立並排程發布。",
    "%(model_name)s '%(object)s' is live and this version has been scheduled for publishing.": (
        "%(model_name)s「%(object)s」已上線，此版本已排程發布。"
    ),
    "%(model_name)s '%(object)s' updated and published.": "%(model_name)s「%(object)s」已更新並發布。",
    "%(model_name)s '%(object)s' created and published.": "%(model_name)s「%(object)s」已建立並發布。",
    "Saving will overwrite a newer version.": "儲存將覆寫較新的版本。",
    "The %(model_name)s could not be saved as it is locked": "%(model_name)s已鎖定，無法儲存",
    "You are viewing a previous version of this %(model_name)s from <b>%(created_at)s</b> by %(user)s": (
        "您正在檢視此%(model_name)s由 %(user)s 於 <b>%(created_at)s</b> 儲存的舊版本"
    ),
    "%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s.": "%(model_name)s「%(object)s」已還原為 %(timestamp)s 的版本。",
    "Version from %(timestamp)s of %(model_name)s '%(object)s' has been published.": "%(model_name)s「%(object)s」%(timestamp)s 的版本已發布。",
    "Version from %(timestamp)s of %(model_name)s '%(object)s' has been scheduled for publishing.": (
        "%(model_name)s「%(object)s」%(timestamp)s 的版本已排程發布。"
    ),
    "%(related_model_name)s %(field_label)s": "%(related_model_name)s %(field_label)s",
    "New: %(model_name)s": "新增：%(model_name)s",
    "There are validation errors, click save to highlight them.": "有驗證錯誤，按「儲存」即可標示出來。",
    "Compare": "比較",
    "Preview for %(block_label)s (%(block_type)s)": "%(block_label)s（%(block_type)s）預覽",
    "If you confirm deletion": "若確認刪除",
    "(Private %(object)s)": "（非公開的%(object)s）",
    "Create a new %(model_name)s": "建立新的%(model_name)s",
    "Request to create %(model_name)s was blocked by hook.": "建立%(model_name)s的要求已被系統攔截。",
    "The page could not be created due to validation errors.": "因驗證錯誤，無法建立頁面。",
    "Request to edit %(model_name)s was blocked by hook.": "編輯%(model_name)s的要求已被系統攔截。",
    "The page could not be saved as it is locked.": "頁面已鎖定，無法儲存。",
    "The page could not be saved due to validation errors.": "因驗證錯誤，無法儲存頁面。",
    "Cannot overwrite a revision that is not the latest for this %(model_name)s.": "不能覆寫此%(model_name)s非最新的版本。",
    "Cannot overwrite a revision that was not created by the current user.": "不能覆寫非目前使用者建立的版本。",
    "Private, accessible with a shared password": "非公開，以共用密碼存取",
    "Private, accessible to any logged-in users": "非公開，任何已登入的使用者皆可存取",
    "shared password": "共用密碼",
    "Shared passwords should not be used to protect sensitive content. Anyone who has this password will be able to view the content.": (
        "請勿以共用密碼保護敏感內容。任何知道此密碼的人都能檢視內容。"
    ),
    "%(model_name)s scheduled for publishing at %(go_live_at)s": "%(model_name)s已排程於 %(go_live_at)s 發布",
    "%(model_name)s scheduled for publishing": "%(model_name)s已排程發布",
    "%(model_name)s unscheduled for publishing at %(go_live_at)s": "%(model_name)s已取消於 %(go_live_at)s 的發布排程",
    "%(model_name)s unscheduled from publishing": "%(model_name)s已取消發布排程",
    "Removed the '%(restriction)s' view restriction. The page is public.": "已移除「%(restriction)s」檢視限制，頁面已公開。",
    # --- Delete, move, unpublish ---------------------------------------------------------
    "Deleting this page will also delete %(descendant_count)s child page.": "刪除此頁面也會刪除另外 %(descendant_count)s 個子頁面。",
    "It will also delete 1 translation and its combined %(translation_descendant_count)s translated child page.": (
        "也會刪除 1 個翻譯版本及其共 %(translation_descendant_count)s 個翻譯子頁面。"
    ),
    "It will also delete %(translation_count)s translations and their combined %(translation_descendant_count)s translated child page.": (
        "也會刪除 %(translation_count)s 個翻譯版本及其共 %(translation_descendant_count)s 個翻譯子頁面。"
    ),
    "It will also delete %(translation_count)s translation.": "也會刪除 %(translation_count)s 個翻譯版本。",
    "Deleting this page will also delete 1 translation and its combined %(translation_descendant_count)s translated child page.": (
        "刪除此頁面也會刪除 1 個翻譯版本及其共 %(translation_descendant_count)s 個翻譯子頁面。"
    ),
    "Deleting this page will also delete %(translation_count)s translations and their combined %(translation_descendant_count)s translated child page.": (
        "刪除此頁面也會刪除 %(translation_count)s 個翻譯版本及其共 %(translation_descendant_count)s 個翻譯子頁面。"
    ),
    "Deleting this page will also delete %(translation_count)s translation of this page.": (
        # Wagtail's plural adds "%(descendant_count)s more child pages" (msgfmt then requires
        # it), but this template branch is for pages without children, where it is 0.
        "刪除此頁面也會刪除此頁面的 %(translation_count)s 個翻譯版本（子頁面 %(descendant_count)s 個）。"
    ),
    "This will also move one translation of this page and its child pages": "也會移動此頁面的 %(translations_to_move_count)s 個翻譯版本及其子頁面",
    "This will also unpublish one translation of the page.": "也會取消發布此頁面的全部 %(translation_count)s 個翻譯版本。",
    "This page has one subpage and its translations have a combined one translated child page. Unpublish these too": (
        "此頁面有 %(live_descendant_count)s 個子頁面，其翻譯版本共有 1 個翻譯子頁面。一併取消發布"
    ),
    "This page has one child page and its translations have a combined %(translation_descendant_count)s translated child pages. Unpublish these too": (
        "此頁面有 %(live_descendant_count)s 個子頁面，其翻譯版本共有 %(translation_descendant_count)s 個翻譯子頁面。一併取消發布"
    ),
    "This page has one subpage. Unpublish this too": "此頁面有 %(live_descendant_count)s 個子頁面。一併取消發布",
    "This action will delete <b>%(total_pages_formatted)s</b> page in total.": "此操作共會刪除 <b>%(total_pages_formatted)s</b> 個頁面。",
    "Please type <b>%(wagtail_site_name)s</b> to confirm.": "請輸入 <b>%(wagtail_site_name)s</b> 以確認。",
    "%(parent_pages)s and %(child_pages)s have been deleted": "%(parent_pages)s及%(child_pages)s已刪除",
    "%(num_parent_objects)d page has been deleted": "%(num_parent_objects)d 個頁面已刪除",
    "%(num_parent_objects)d page": "%(num_parent_objects)d 個頁面",
    "%(num_child_objects)d child page": "%(num_child_objects)d 個子頁面",
    "%(parent_pages)s and %(child_pages)s have been published": "%(parent_pages)s及%(child_pages)s已發布",
    "%(num_parent_objects)d page has been published": "%(num_parent_objects)d 個頁面已發布",
    "%(parent_pages)s and %(child_pages)s have been unpublished": "%(parent_pages)s及%(child_pages)s已取消發布",
    "%(num_parent_objects)d page has been unpublished": "%(num_parent_objects)d 個頁面已取消發布",
    "Include subtree (%(descendant_count)s page)": "包含所有下層頁面（%(descendant_count)s 個頁面）",
    "the %(model_name)s will also be deleted": "%(model_name)s也會被刪除",
    "prevents deletion": "會阻止刪除",
    "will be set to the default %(model_name)s": "將設為預設的%(model_name)s",
    "will do nothing": "不會有任何變動",
    "may prevent deletion": "可能阻止刪除",
    "will be set to a %(model_name)s specified by the system": "將設為系統指定的%(model_name)s",
    "will unset the reference": "將清除引用",
    # --- Accessibility checker (side panel "Checks") -------------------------------------
    "Button text is empty": "按鈕文字是空的",
    "Use meaningful text for screen reader users": "請使用對螢幕閱讀器使用者有意義的文字",
    "Empty heading found": "發現空白標題",
    "Table header text is empty": "表格標題儲存格是空的",
    "Empty frame title found": "發現沒有標題的內嵌框架",
    "Use a meaningful title for screen reader users": "請為螢幕閱讀器使用者提供有意義的標題",
    "Incorrect heading hierarchy": "標題層級不正確",
    "Avoid skipping levels": "請勿跳過層級",
    "Input button text is empty": "輸入按鈕文字是空的",
    "Link text is empty": "連結文字是空的",
    "Misusing paragraphs as headings": "把段落誤用為標題",
    "Use proper heading tags": "請使用正確的標題標籤",
    "Image alt text has inappropriate pattern": "圖片替代文字的寫法不恰當",
    "Use meaningful text": "請使用有意義的文字",
    "Meta description is empty": "網頁描述（meta description）是空的",
    "Add a concise description for search engines": "請為搜尋引擎加上簡潔的描述",
    "%(classname)s object (%(id)s)": "%(classname)s 物件（%(id)s）",
    # --- Images and documents ------------------------------------------------------------
    "Maximum filesize: %(max_upload_size)s.": "檔案大小上限：%(max_upload_size)s。",
    'Why not <a class="upload-one-now" href="#tab-upload" data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" data-w-tabs-focus-param="true">upload one now</a>?': (
        '要不要<a class="upload-one-now" href="#tab-upload" data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" data-w-tabs-focus-param="true">現在上傳一個</a>？'
    ),
    'Why not <a class="create-one-now" href="#tab-new" data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" data-w-tabs-focus-param="true">create one now</a>?': (
        '要不要<a class="create-one-now" href="#tab-new" data-action="w-tabs#select:prevent" data-w-tabs-target="trigger" data-w-tabs-focus-param="true">現在建立一個</a>？'
    ),
    'You haven\'t created any %(snippet_type_name)s snippets. Why not <a href="%(wagtailsnippets_create_snippet_url)s" target="_blank" rel="noreferrer">create one now</a>?': (
        '您尚未建立任何%(snippet_type_name)s片段。要不要<a href="%(wagtailsnippets_create_snippet_url)s" target="_blank" rel="noreferrer">現在建立一個</a>？'
    ),
    "The document could not be created due to errors.": "因發生錯誤，無法建立文件。",
    "The file could not be found. Please change the source or delete the document.": "找不到檔案。請變更來源或刪除此文件。",
    "unknown number": "數量不明",
    "Layout": "版面",
    "You haven't uploaded any images.": "您尚未上傳任何圖片。",
    "Image focal point": "圖片焦點",
    "Grid layout": "格狀排列",
    "List layout": "清單排列",
    "Please provide an image description to comply with best practices for accessibility.": "請提供圖片描述，以符合無障礙的良好做法。",
    "Upload successful. However, your new image seems to be a duplicate of this existing image. You may delete it if it wasn't required.": (
        "上傳成功，但新圖片似乎與這張既有圖片重複。若不需要，可以將它刪除。"
    ),
    "Oldest": "最舊",
    "Usage count: (low to high)": "使用次數：（由少到多）",
    "Usage count: (high to low)": "使用次數：（由多到少）",
    "Generate URL": "產生網址",
    "The filter options you have selected are not valid.": "您選擇的篩選選項無效。",
    "Caption": "說明文字",
    # --- Users, groups, API tokens -------------------------------------------------------
    "group site permission": "群組網站權限",
    "group site permissions": "群組網站權限",
    "Toggle all change permissions": "切換全部修改權限",
    "Toggle all delete permissions": "切換全部刪除權限",
    "Toggle all custom permissions": "切換全部自訂權限",
    "Can view": "可檢視",
    "A human-readable label to identify this token.": "用來辨識此權杖的易讀名稱。",
    "created": "建立時間",
    "revoked at": "撤銷時間",
    "last used at": "最後使用時間",
    "API token": "API 權杖",
    "API tokens": "API 權杖",
    "Create API token": "建立 API 權杖",
    "API token created": "API 權杖已建立",
    "Revoke API token": "撤銷 API 權杖",
    "API token revoked": "API 權杖已撤銷",
    "Yes, revoke": "是，撤銷",
    "No, don't revoke": "否，不要撤銷",
    'The token "%(name)s" has been created, copy it now, it will never be shown again.': (
        "權杖「%(name)s」已建立，請立即複製，之後不會再顯示。"
    ),
    "Copy token": "複製權杖",
    "Back to API tokens": "回到 API 權杖",
    "Copying failed — please select and copy the token manually.": "複製失敗 — 請手動選取並複製權杖。",
    "Revoked": "已撤銷",
    "Last used": "最後使用",
    "Token": "權杖",
    "Revoke": "撤銷",
    "Never": "從未",
    "Are you sure you want to revoke this API token?": "確定要撤銷此 API 權杖嗎？",
    "API token '%(name)s' revoked.": "API 權杖「%(name)s」已撤銷。",
    # --- Forms and redirects (installed contrib apps) ------------------------------------
    "The name '%(duplicate_clean_name)s' is already assigned to this field and cannot be changed. Please enter a different label for the conflicting field.": (
        "名稱「%(duplicate_clean_name)s」已指定給此欄位，無法變更。請為衝突的欄位輸入不同的標籤。"
    ),
    "Field name '%(duplicate_clean_name)s' conflicts with another field. Please change the label.": (
        "欄位名稱「%(duplicate_clean_name)s」與其他欄位衝突，請修改標籤。"
    ),
    "Comma or new line separated list of choices. Only applicable in checkboxes, radio and dropdown.": (
        "以逗號或換行分隔的選項清單，僅適用於核取方塊、單選按鈕與下拉選單。"
    ),
    "Default value. Comma or new line separated values supported for checkboxes.": "預設值。核取方塊可用逗號或換行分隔多個值。",
    "Are you sure you want to delete this form submission?": "確定要刪除這些表單提交資料嗎？",
    "<p>Select a file where redirects are separated into rows and contains the columns representing <code>from</code> and <code>to</code> (they can be named anything).</p> <p>After submitting you will be taken to a confirmation view where you can customize your redirects before import.</p>": (
        "<p>請選擇一個檔案，每列一筆重新導向，並包含代表<code>來源</code>與<code>目的地</code>的欄位（欄位名稱不拘）。</p> "
        "<p>送出後會進入確認畫面，可在匯入前調整重新導向。</p>"
    ),
    'File format of type "%(extension)s" is not supported.': "不支援「%(extension)s」類型的檔案格式。",
    "Imported file has a wrong encoding: %(error_message)s.": "匯入檔案的編碼錯誤：%(error_message)s。",
    "%(error)s encountered while trying to read file: %(filename)s.": "讀取檔案 %(filename)s 時發生 %(error)s。",
    # --- Translations (wagtail_localize / simple translation) ----------------------------
    "Can submit translations": "可提交翻譯",
    "Are you sure you want to convert this page into an alias? This will overwrite the content of the page with the content of '%(source_page_title)s' (%(source_page_locale)s)": (
        "確定要把此頁面轉為別名嗎？這會以「%(source_page_title)s」（%(source_page_locale)s）的內容覆寫此頁面。"
    ),
    "Page '{}' has been converted into an alias.": "頁面「{}」已轉為別名。",
    'Apply the updates and publish immediately. The changes will use the original language until translated unless you also select "Use machine translation".': (
        "套用更新並立即發布。除非同時勾選「使用機器翻譯」，變更內容在翻譯前會以原文呈現。"
    ),
    "Use machine translation": "使用機器翻譯",
    "Apply machine translations to the incoming changes.": "對傳入的變更套用機器翻譯。",
    "Apply the updates and publish immediately. The changes will use the original language until translated.": (
        "套用更新並立即發布。變更內容在翻譯前會以原文呈現。"
    ),
    "Converted page '%(title)s' to an alias of the translation source page '%(source_title)s'": (
        "已將頁面「%(title)s」轉為翻譯來源頁面「%(source_title)s」的別名"
    ),
    "Converted page to an alias of the translation source page": "已將頁面轉為翻譯來源頁面的別名",
    "Locale '{0}' created.": "語系「{0}」已建立。",
    "Locale '{0}' updated.": "語系「{0}」已更新。",
    "Locale '{0}' deleted.": "語系「{0}」已刪除。",
}

# Strings of the djangojs domain only (Wagtail's admin JavaScript: StreamField, side panels,
# autosave, content metrics). MANUAL is also consulted for djangojs.
MANUAL_JS: dict[str, str] = {
    "(%(number)s new items in this menu)": "（此選單有 %(number)s 個新項目）",
    "(1 new item in this menu)": "（此選單有 1 個新項目）",
    "(New)": "（新）",
    "%(num)s error": "%(num)s 個錯誤",
    "%(num)s min": "%(num)s 分鐘",
    "%(num)s pixel": "%(num)s 像素",
    "%(time_zone_option)s: %(localized_time_zone_label)s": "%(time_zone_option)s：%(localized_time_zone_label)s",
    "A network error occurred.": "發生網路錯誤。",
    "A server error occurred.": "伺服器發生錯誤。",
    "Autosave in progress…": "自動儲存中…",
    "Blocks": "區塊",
    "Changes have been autosaved.": "變更已自動儲存。",
    "Complex": "艱深",
    "Error while sending preview data.": "傳送預覽資料時發生錯誤。",
    "Fair": "尚可",
    "Good": "良好",
    "Insert a block": "插入區塊",
    "Split block": "分割區塊",
    "Write something or type ‘/’ to insert a block": "輸入內容，或輸入「/」插入區塊",
    "Applying editor lock": "正在套用編輯鎖定",
    "Removing editor lock": "正在解除編輯鎖定",
    "Stopping Synced translation": "正在停止同步翻譯",
}

# Reviewed corrections where the zh_Hans-derived text (after the glossary) reads wrong in
# Taiwan or misleads an editor. Keyed like MANUAL; these win over the zh_Hans conversion.
MANUAL_OVERRIDES: dict[str, str] = {
    "Help": "說明",  # Taiwan: 說明, not 幫助
    "In Moderation": "審核中",
    "Changes requested": "已要求修改",
    "Changes requested at": "要求修改時間",
    "Changes requested by %(requested_by)s": "%(requested_by)s 要求修改",
    "Approved by %(approved_by)s": "%(approved_by)s 已核准",
    "Last published before": "最後發布早於",
    "Aging pages": "久未更新的頁面",
    "Please select another parent.": "請選擇其他上層頁面。",
    "1 page": "%(counter)s 個頁面",
    "Publish 1 page": "發布 %(counter)s 個頁面",
    "'%(object)s' unpublished.": "「%(object)s」已取消發布。",
    "Page '%(page_title)s' is live and this version has been scheduled for publishing.": (
        "頁面「%(page_title)s」已上線，此版本已排程發布。"
    ),
    "Profile": "個人資料",
    "Profile picture": "個人頭像",
    "Tags can only consist of a single word, no spaces allowed.": "標籤只能是一個詞，不可包含空格。",
    "Minimap": "小地圖",
    "Group": "群組",
    "Source": "來源",
    "Custom permissions": "自訂權限",
    "Changed": "已修改",
    "Enter your comments...": "輸入您的評論…",
    "Enter your reply...": "輸入您的回覆…",
    "Search options…": "搜尋選項…",
    "segments translated": "段已翻譯",
    "Locales": "語系",
    "%(locales_count)s locales": "%(locales_count)s 種語系",
    "{} locales": "{} 種語系",
    "A locale is disabled because a parent page is not translated.": "因上層頁面尚未翻譯，部分語系無法選擇。",
    "This locale cannot be deleted because there are no other locales.": "沒有其他語系，因此無法刪除此語系。",
    "This locale cannot be synced into itself.": "語系不能與自己同步。",
    "Synchronise content from another locale": "從其他語系同步內容",
    "Choose a locale to synchronise content from. Any existing and future content authored in the selected locale will be automatically copied to this one.": (
        "選擇要同步內容的來源語系。所選語系中現有及日後撰寫的內容都會自動複製到此語系。"
    ),
    "Include subtree ({} page)": "包含所有下層頁面（{} 個頁面）",
}
