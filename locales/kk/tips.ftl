## Оқырман жаңалықтары: оқырманмен әңгіме

tip-ask-topic = 📝 Жаңалығыңызды редакцияға жіберейік. Ол не туралы?
tip-topic-city = 🏙 Қала
tip-topic-incident = 🚨 Оқиға
tip-topic-roads = 🚧 Жол және көлік
tip-topic-utilities = 💡 ТКШ
tip-topic-society = 👥 Қоғам
tip-topic-other = ✏️ Басқа
tip-ask-text =
    Не болды? Бір хабарламамен сипаттаңыз ({ $min }–{ $max } таңба) немесе дауыстық хабарлама жазыңыз.
    Қашан, қайда, кім көрді — әр мәлімет пайдалы.
tip-hint-text-short = Тым қысқа. Кемінде { $min } таңба жазыңыз, мысалы: «Таңертеңнен бері Бұқар жырау даңғылындағы 12–18 үйлерде су жоқ».
tip-hint-text-long = Тым ұзын: { $length } таңба, ал шегі — { $max }. Қысқартыңызшы — фото мен құжаттарды келесі қадамда қоса аласыз.
tip-hint-text-expected = Не болғанын мәтінмен немесе дауыстық хабарламамен сипаттаңыз.
tip-hint-text-first = Алдымен не болғанын сөзбен сипаттаңыз — фото мен бейнені келесі қадамда қоса аласыз.
tip-ask-media =
    Фото, бейне немесе құжат бар ма? Қазір жіберіңіз — бірнешеуін бірден жіберуге болады ({ $max } файлға дейін).
    Аяқтаған соң «Дайын» түймесін басыңыз. Файл жоқ болса — «Өткізіп жіберу».
tip-media-received = 📎 Алдық. Тағы жіберіңіз ({ $max } файлға дейін) немесе «Дайын» түймесін басыңыз.
tip-hint-media-expected = Мұнда фото, бейне немесе құжат жіберіңіз — немесе «Дайын» / «Өткізіп жіберу» түймесін басыңыз.
tip-hint-media-limit = Шегіне жеттік: бір жаңалыққа { $max } файлдан артық болмайды. Артық файлдар қосылмады; жалғастыру үшін «Дайын» түймесін басыңыз.
tip-ask-place =
    Бұл қайда болды? Төмендегі түймемен геолокация жіберіңіз немесе мекенжайды не бағдарды жазыңыз ({ $max } таңбаға дейін).
    Көрсеткіңіз келмесе — «Өткізіп жіберу» түймесін басыңыз.
tip-hint-place-expected = Геолокация жіберіңіз немесе мекенжайды жазыңыз — не «Өткізіп жіберу» түймесін басыңыз.
tip-hint-place-long = Мекенжай тым ұзын: { $length } таңба, ал шегі — { $max }.
tip-place-saved = 📍 Орнын жазып алдық.
tip-place-skipped = Жарайды, орнынсыз.
tip-ask-contact =
    Редактор мәліметтерді нақтылау үшін сізбен байланыса ала ма? Төмендегі түймемен нөміріңізді бөлісіңіз — оны тек редакция көреді.
    Немесе аноним болып қалыңыз.
tip-hint-contact-expected = Төмендегі түймелерді пайдаланыңыз: нөміріңізді бөлісіңіз немесе аноним болып қалыңыз.
tip-hint-contact-own = Өз нөміріңізді «Нөмірімді бөлісу» түймесімен жіберіңізші.
tip-contact-saved = 📱 Рақмет, нөміріңізді тек редакция көреді.
tip-contact-anonymous = Жарайды, сіз аноним болып қаласыз.
tip-ask-consent = Редакция жаңалығыңызды жариялай ала ма?
tip-consent-button-name = ✅ Иә, атыммен
tip-consent-button-anonymous = 🕶 Иә, атымды атамай
tip-consent-button-none = 🔒 Жоқ, тек редакция үшін
tip-consent-name = атымен жариялауға болады
tip-consent-anonymous = атын атамай жариялауға болады
tip-consent-none = жариялауға болмайды
tip-preview-intro = Жаңалығыңызды тексеріңіз:
tip-preview-heading = Сіздің жаңалығыңыз
tip-ask-edit = Нені өзгерткіңіз келеді?
tip-edit-topic = Тақырып
tip-edit-text = Мәтін
tip-edit-media = Файлдар
tip-edit-place = Орны
tip-edit-contact = Байланыс
tip-edit-consent = Жариялау
tip-sent =
    ✅ Рақмет! Жаңалығыңыз алынды және редакторларға жіберіледі. Оның нөмірі — { $reference }.
    Редактор сізге осында жазуы мүмкін; жауапты осы чатта жаза аласыз.
tip-cancelled = Болдырылмады, ештеңе жіберілмеді. Қайта бастау үшін /tip жіберіңіз.
tip-expired = Бұл жаңалық енді жабық. Жаңасын жіберу үшін /tip жіберіңіз.
tip-banned = Өкінішке қарай, редакция бұл аккаунттан жаңалық қабылдамайды.
tip-rate-limited = Хабарламаларды тым жылдам жіберіп жатырсыз. Бірнеше секунд күтіп, қайталап көріңіз.
tip-hint-command = Сіз қазір жаңалық жіберіп жатырсыз. Жоғарыдағы сұраққа жауап беріңіз немесе болдырмау үшін /cancel жіберіңіз.
tip-ended-hints = Бірдеңе дұрыс болмай жатқан сияқты, сондықтан бұл жаңалықты жаптым — ештеңе жіберілмеді. Қайта бастау үшін /tip жіберіңіз.
tip-ended-expired = Бұл жаңалық тым ұзақ ашық тұрды, сондықтан оны жаптым — ештеңе жіберілмеді. Қайта бастау үшін /tip жіберіңіз.
tip-hint-use-buttons = Жоғарыдағы түймелердің бірін таңдаңыз.
tip-hint-stale-button = Бұл түйме алдыңғы сұрақтікі. Соңғы хабарламаны пайдаланыңыз.
tip-button-skip = Өткізіп жіберу
tip-button-done = ✅ Дайын
tip-button-send-location = 📍 Геолокация жіберу
tip-button-share-phone = 📱 Нөмірімді бөлісу
tip-button-anonymous = 🕶 Аноним болып қалу
tip-button-send = ✅ Жіберу
tip-button-edit = ✏️ Өзгерту
tip-button-cancel = ✖️ Болдырмау

## Оқырман жаңалықтары: хат алмасу және хабарламалар

tip-relay-to-citizen =
    📰 Редакция, { $reference } жаңалығыңыз бойынша:
    { $text }
tip-relay-delivered = ✉️ Редакцияға жеткіздік ({ $reference } жаңалығы).
tip-notify-accepted = 👍 Редакция { $reference } жаңалығыңызды жұмысқа алды. Рақмет!
tip-notify-rejected = { $reference } жаңалығы үшін рақмет. Бұл жолы редакция ол туралы жазбауды шешті.
tip-notify-published = 📰 { $reference } жаңалығыңыз жарияланды. Редакцияға көмектескеніңіз үшін рақмет!

## Оқырман жаңалықтары: редакция үстелі

tip-card-topic = Тақырып:
tip-card-text = Не болды:
tip-card-voice = 🎤 Дауыстық хабарлама (төменде)
tip-card-place = Қайда:
tip-card-none = —
tip-card-files = Файлдар:
tip-card-consent = Жариялау:
tip-card-contact = Байланыс:
tip-card-language = Тілі:
tip-card-trimmed = (қысқартылды: карточкаға { $limit } таңбадан артық сыймайды; толық мәтін кіріс жәшігінде)
tip-status-new = 🆕 жаңа
tip-status-in_progress = 💬 жұмыста
tip-status-accepted = ✅ қабылданды
tip-status-rejected = ❌ қабылданбады
tip-status-published = 📰 жарияланды
tip-status-spam = 🚫 спам
tip-card-by = шешім: { $editor }
tip-card-sender-banned = 🚫 Жіберуші бұғатталған.
tip-card-sender-unbanned = ↩️ Жіберуші бұғаттан шығарылды.
tip-desk-button-unban = ↩️ Жіберушіні бұғаттан шығару
tip-desk-console-reply =
    ✉️ { $reference } авторына консольден жауап ({ $editor }):
    { $text }
tip-desk-button-accept = ✅ Қабылдау
tip-desk-button-reject = ❌ Қабылдамау
tip-desk-button-reply = 💬 Жауап беру
tip-desk-button-ban = 🚫 Спам / бұғаттау
tip-desk-button-ban-confirm = 🚫 Иә, спам: жіберушіні бұғаттау
tip-desk-button-back = ↩️ Артқа
tip-desk-button-published = 📰 Жарияланды
tip-desk-reply-prompt = ✍️ Осы хабарламаға жауап жазыңыз — мәтін { $reference } жаңалығының авторына редакция атынан жіберіледі.
tip-desk-relayed = ✉️ { $reference } авторына жіберілді.
tip-desk-relay-failed = ⚠️ { $reference } авторына жеткізу мүмкін болмады (ботты бұғаттаған болуы мүмкін).
tip-desk-relay-closed = 🚫 { $reference } спам деп белгіленген: жіберушісіне ештеңе жіберілмейді.
tip-relay-to-desk = 💬 { $reference }: жаңалық авторы жазады:
tip-desk-not-editor = Бұл түймелер тек редакторларға арналған.
tip-desk-not-found = Бұл жаңалық енді жоқ.
tip-desk-draft-created = { $reference } қабылданды. №{ $id } мақала жобасы жасалды.
tip-desk-transition-refused = Болмайды: жаңалық қазірдің өзінде { $from }.
