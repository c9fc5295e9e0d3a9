## Редакция консолі: /console командасы

console-title = Редакция консолі
console-not-configured = Консоль үшін сервердің жария мекенжайы керек: .env файлында PUBLIC_URL (Telegram мен браузерлер Habarshy-ге кіретін https мекенжайы) көрсетіп, ботты қайта іске қосыңыз. Содан кейін /console консольді ашады.
console-open-private = 🗂 Редакция консолі: оқырмандардың жаңалықтары, жарияланымдар, сауалнамалар мен таспалар бір жерде. Оны осы жерде, Telegram ішінде, немесе компьютердегі браузерде бір реттік сілтеме арқылы ашыңыз (сілтеме 10 минут жарамды).
console-open-group = 🗂 Редакция консолі ботпен жеке чатта ашылады:
console-open-local = 🗂 Редакция консолі (жергілікті сынақ, https жоқ): осы бір реттік сілтемені 10 минут ішінде осы компьютердегі браузерде ашыңыз: { $url }
console-button-open = 🗂 Консольді ашу
console-button-browser = 💻 Браузерде ашу
console-menu-button = Консоль

## Редакция консолі: кіру

console-login-intro = Редакция консоліне { $name } ретінде кіресіз бе? Сілтеме бір рет қана жарамды.
console-login-button = Кіру
console-login-expired = Кіру сілтемесінің мерзімі өтіп кеткен немесе ол бұрын пайдаланылған. Жаңасын алу үшін ботқа /console жіберіңіз.
console-refused-not-editor = Консоль тек редакторларға арналған.
console-refused-launch = Telegram-нан келген іске қосу деректері қабылданбады (мерзімі өткен немесе бұл бот үшін қол қойылмаған). Консольді жауып, боттан қайта ашыңыз.
console-refused-outside = Консольді Telegram-да /console командасымен ашыңыз немесе бот берген бір реттік сілтеме арқылы кіріңіз.
console-loading = Жүктелуде…
console-language = Тіл
console-error = Орындалмады
console-error-network = Серверге қосылу мүмкін болмады. Байланысты тексеріп, қайталап көріңіз.
console-error-conflict = Болмайды: жаңалықтың күйі өзгеріп кеткен (оны басқа редактор алған болуы мүмкін). Бетте оның қазіргі күйі көрсетілген.
console-error-relay_closed = Жіберуші бұғатталған немесе жаңалық спам деп белгіленген: оған ештеңе жіберілмейді.
console-error-no-consent = Автор жариялауға рұқсат бермеді.
console-error-no-draft = Алдымен жаңалықты қабылдаңыз: жариялау оның жобасынан басталады.
console-error-not_delivered = Жеткізілмеді: автор ботты бұғаттаған болуы мүмкін.
console-error-validation_failed = Өрістерді тексеріңіз
console-error-draft = Жоба өз жаңалығынан, «Жаңалықтар» қойындысында жарияланады.
console-error-not_found = Бұл енді жоқ.
console-back = Артқа

## Редакция консолі: қойындылар мен жаңалықтар

console-tab-tips = Жаңалықтар
console-tab-posts = Жарияланымдар
console-tab-polls = Сауалнамалар
console-tab-feeds = Таспалар мен арналар
console-tab-readers = Оқырмандар
console-filter-open = Ашық
console-filter-new = Жаңа
console-filter-in_progress = Жұмыста
console-filter-accepted = Қабылданған
console-filter-rejected = Қабылданбаған
console-filter-published = Жарияланған
console-filter-spam = Спам
console-filter-all = Барлығы
console-tips-topic = Тақырып
console-tips-all-topics = Барлық тақырып
console-tips-empty = Мұнда әзірге ештеңе жоқ.
console-tips-card-waiting = карточка топқа әлі жіберілмеді
console-topic-city = Қала
console-topic-incident = Оқиға
console-topic-roads = Жол және көлік
console-topic-utilities = ТКШ
console-topic-society = Қоғам
console-topic-other = Басқа
console-status-new = жаңа
console-status-in_progress = жұмыста
console-status-accepted = қабылданды
console-status-rejected = қабылданбады
console-status-published = жарияланды
console-status-spam = спам
console-consent-name = атымен жариялауға болады
console-consent-anonymous = атын атамай жариялауға болады
console-consent-none = жариялауға болмайды
console-tip-topic = Тақырып
console-tip-consent = Жариялау
console-tip-place = Қай жерде
console-tip-contact = Байланыс
console-tip-anonymous = аты-жөні көрсетілмеген
console-tip-handled-by = Соңғы шешім
console-tip-unreachable = Автор ботты бұғаттаған: жауаптар оған жетпейді.
console-file-photo = Автордан келген фото
console-file-document = Құжат
console-action-accept = ✅ Қабылдау
console-action-reject = ❌ Қабылдамау
console-action-ban = 🚫 Спам: жіберушіні бұғаттау
console-action-unban = ↩️ Жіберушіні бұғаттан шығару
console-action-reply = Авторға жіберу
console-confirm-ban = Жаңалықты спам деп белгілеп, жіберушіні бұғаттау керек пе?
console-reply-label = Авторға жауап
console-reply-placeholder = Авторға сұрағыңыз немесе жауабыңыз…
console-reply-hint = Автор хабарламаны сіздің атыңызсыз, редакция атынан алады.
console-thread-to_citizen = Редакция → автор
console-thread-from_citizen = Автор → редакция
console-done-accept = Қабылданды: авторға хабарланды, мақала жобасы жасалды.
console-done-reject = Қабылданбады: авторға хабарланды.
console-done-publish = Жарияланды деп белгіленді: авторға хабарланды.
console-done-ban = Спам деп белгіленді: жіберуші бұғатталды.
console-done-unban = Жіберуші қайтадан жаңалық жібере алады.
console-done-reply = Авторға жіберілді.
console-done-publish-draft = Жарияланды: пост арналарға жіберілуде.
console-draft-title = Жобаны жариялау
console-draft-field-title = Тақырыбы
console-draft-field-lead = Лид
console-draft-field-url = Сайттағы мақала сілтемесі
console-draft-publish = Арналарда жариялау
console-draft-no-consent = Автор жариялауға рұқсат бермеді: жоба редакцияда қалады.

## Редакция консолі: жарияланымдар

console-posts-empty = Әзірге мақала жоқ.
console-posts-on-site = сайтта
console-posts-open = Telegram-да ашу
console-posts-no-channels = Бұл тілге арна жоқ.
console-article-published = жарияланды
console-article-scheduled = жоспарланған
console-article-withdrawn = алынып тасталды
console-article-archived = мұрағат
console-article-draft = жоба
console-source-api = сайттан
console-source-feed = таспадан
console-source-tip = оқырман жаңалығынан
console-source-editor = редактордан
console-delivery-sent = жіберілді
console-delivery-scheduled = жоспарланған
console-delivery-rate-limited = Telegram шектеуін күтуде
console-delivery-failed = қате
console-delivery-uncertain = белгісіз: тексерілуде
console-delivery-queued = кезекте
console-delivery-channel-blocked = арна ботты қабылдамайды
console-delivery-withdrawn = алынып тасталды
console-action-retry = 🔁 Қайталау
console-action-withdraw = Алып тастау
console-confirm-withdraw = «{ $title }» барлық арнадан алынып тасталсын ба?
console-done-retry = Қайта жіберілуде.
console-done-withdraw = Арналардан алынып тасталуда.
console-preview-show = Алдын ала қарау
console-preview-hide = Жасыру

## Редакция консолі: сауалнамалар

console-polls-empty = Әзірге сауалнама жоқ.
console-poll-open = жүріп жатыр
console-poll-closed = жабық
console-poll-votes = Дауыс саны: { $total } (Telegram-да — { $telegram }, сайтта — { $site })
console-poll-closes = жабылады: { $when }
console-poll-per-chat = Чаттар бойынша
console-poll-site = Сайт
console-copy-pending = жіберуді күтуде
console-copy-sending = жіберілуде
console-copy-sent = жүріп жатыр
console-copy-closing = жабылуда
console-copy-closed = жабық
console-copy-failed = қате
console-action-close-poll = Сауалнаманы жабу
console-confirm-close-poll = Сауалнаманы барлық чатта жауып, қорытындыны жариялау керек пе?
console-done-close = Жабылуда: қорытынды сауалнаманың астында шығады.

## Редакция консолі: таспалар мен арналар

console-feeds-title = Таспалар
console-feeds-url = Таспа мекенжайы
console-action-add-feed = Қосу
console-feed-active = тексеріліп тұр
console-feed-paused = кідіртілген
console-feed-removed = жойылған
console-feed-failing = қателер бар
console-feed-last-success = Соңғы сәтті тексеру
console-feed-next-poll = Келесі тексеру
console-feed-not-polled = тексерілмейді
console-feed-items = Алынған материалдар
console-feed-items-value = жарияланды: { $posted }, мұрағатта: { $archived }
console-feed-last-error = Соңғы қате
console-feed-errors = қатарынан қате: { $count }
console-action-pause = Кідірту
console-action-resume = Жалғастыру
console-action-remove = Жою
console-confirm-remove-feed = Таспаны жою керек пе? Оның мақалалары сақталады.
console-done-feed-added = Таспа қосылды: келесі тексеруден бастап оқылады.
console-done-feed-paused = Таспа кідіртілді.
console-done-feed-resumed = Таспа қайта тексеріледі.
console-done-feed-removed = Таспа жойылды.
console-channels-title = Арналар
console-channel-active = жұмыс істеп тұр
console-channel-forbidden = бот шығарылған
console-channel-migrated = супертопқа көшті
console-channel-disabled = өшірілген

## Редакция консолі: оқырмандар

console-readers-subscribed = жазылған
console-readers-change = 7 күнде
console-readers-blocked = ботты бұғаттаған
console-readers-broadcasts = Таратылымдар
console-readers-progress = бұғаттағандар: { $blocked }, қателер: { $failed }
