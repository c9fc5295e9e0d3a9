## Polls: the editors' /poll, /closepoll, /stats, the results post, notices

poll-date-locale = kk-KZ
poll-usage =
    Сауалнаманы бір жолмен құру:
    /poll Сұрақ? | 1-нұсқа | 2-нұсқа | …
    немесе жай ғана /poll — қадам бойынша.
    Параметрлер (соңында): --closes 2d (немесе 3h, 90m, 2025-06-01T18:00), --chats @арна,-100…, --multi (бірнеше жауап), --public (ашық дауыс беру, тек топтарда), --lang ru|kk|en, --id сыртқы-id
poll-ask =
    Жаңа сауалнама. Осы хабарламаға жауап беріңіз: бірінші жолда сұрақ, одан кейін әр жолда бір нұсқадан (2–12).
    Қосымша жолдар: --closes 2d, --chats @арна, --multi, --public
poll-ask-placeholder = Сұрақ, содан кейін нұсқалар, әр жолда біреуден
poll-created = ✅ №{ $id } сауалнама құрылды: «{ $question }»
poll-exists = ℹ️ №{ $id } сауалнама бұрыннан бар: «{ $question }»
poll-created-chats = Жарияланатын орын: { $chats }
poll-created-closes = Жабылу уақыты: { $date }
poll-created-no-close = Мерзімі жоқ: /closepoll командасымен жабыңыз.
poll-created-hint = Нәтижелер: /stats №{ $id } · жабу: /closepoll №{ $id }
poll-not-found = «{ $id }» сауалнамасы табылмады.
poll-close-usage = /closepoll командасын сауалнама нөмірімен жіберіңіз, мысалы: /closepoll №12
poll-stats-usage = /stats командасын сауалнама нөмірімен жіберіңіз, мысалы: /stats №12
poll-already-closed = №{ $id } сауалнама әлдеқашан жабылған.
poll-closed = 🔒 №{ $id } «{ $question }» сауалнамасы жабылды. Дауыс беру тоқтатылуда, қорытынды арналарда жарияланады.
poll-stats-open = №{ $id } сауалнама жүріп жатыр.
poll-stats-open-until = №{ $id } сауалнама жүріп жатыр. Жабылу уақыты: { $date }.
poll-stats-closed = №{ $id } сауалнама жабылды. Жабылған уақыты: { $date }.
poll-stats-copy = • { $chat }: { $state }, дауыс бергендер: { $voters } { $error }
poll-state-pending = ⏳ кезекте
poll-state-sending = 📤 жіберілуде
poll-state-sent = ✅ жүріп жатыр
poll-state-closing = ⏳ жабылуда
poll-state-closed = 🔒 жабық
poll-state-failed = ⚠️ қате

poll-results-title = 📊 Сауалнама: { $question }
poll-results-final-title = 📊 Сауалнама қорытындысы: { $question }
poll-results-option = { $percent }% · { $total } (Telegram { $telegram }, сайт { $site })
poll-results-votes = Дауыс саны: { $total } (Telegram { $telegram }, сайт { $site })
poll-results-voters = Дауыс бергендер: { $total } (Telegram { $telegram }, сайт { $site })
poll-results-voters-telegram = Telegram-да дауыс бергендер: { $telegram }

poll-chat-forbidden = ⚠️ { $chat } чаты ботты қабылдамайды ({ $reason }); №{ $poll } сауалнама онда жүрмейді. Ботты қайта қосып, чатты /channels командасымен іске қосыңыз.
poll-chat-migrated = ℹ️ { $chat } тобы { $newChat } супертобына айналды; №{ $poll } сауалнама соған көшеді.
poll-refused = ⚠️ Telegram №{ $poll } сауалнаманы { $chat } ішінде қабылдамады: { $reason }

poll-error-title = ❌ Сауалнама құрылмады:
poll-error-required = { $field } өрісі көрсетілмеген.
poll-error-body = Сауалнама JSON-нысан болуы керек.
poll-error-question-empty = Сұрақ бос.
poll-error-question-too-long = Сұрақ тым ұзын: { $length } таңба, Telegram 300 таңбаға дейін рұқсат етеді.
poll-error-options-type = Нұсқалар мәтіндер тізімі болуы керек.
poll-error-options-too-few = Кемінде 2 жауап нұсқасы қажет.
poll-error-options-too-many = Нұсқалар 12-ден аспауы керек.
poll-error-option-empty = { $n }-нұсқа бос.
poll-error-option-too-long = { $n }-нұсқа тым ұзын: { $length } таңба, Telegram 100 таңбаға дейін рұқсат етеді.
poll-error-option-duplicate = { $n }-нұсқа { $other }-нұсқаны қайталайды.
poll-error-closes-invalid = Жабылу уақыты күн емес.
poll-error-closes-format = «{ $value }» жабылу уақыты емес: 90m, 3h, 2d немесе 2025-06-01T18:00 түрінде жазыңыз.
poll-error-closes-past = Жабылу уақыты өтіп кетті.
poll-error-closes-too-far = Сауалнаманы ең кешінде 30 күннен кейін жабуға болады.
poll-error-chats-invalid = «{ $chat }» чат емес: @атауын немесе сандық id-ін көрсетіңіз.
poll-error-chats-too-many = Бір сауалнамаға 20 чаттан аспауы керек.
poll-error-chats-none = Жариялайтын орын жоқ: --chats қосыңыз немесе арналарды /channels командасымен баптаңыз.
poll-error-language-invalid = Тіл ru, kk немесе en болуы керек.
poll-error-boolean = { $field } өрісі true немесе false болуы керек.
poll-error-text = { $field } өрісі 1–200 таңбалық мәтін болуы керек.
poll-error-site-votes-invalid = Сайттың дауыстары 0-ден 1 миллиардқа дейінгі бүтін сандар болуы керек.
poll-error-id-unclean = { $field } өрісінде рұқсат етілмеген таңбалар бар (басқару таңбалары немесе бүлінген Юникод).
poll-error-site-votes-length = Сайттың дауыстары әр нұсқаға бір саннан болуы керек ({ $expected }).
poll-error-flag-unknown = Белгісіз параметр: { $flag }.
