## Common: start, help, language, errors

start-welcome =
    Сәлеметсіз бе! Бұл — редакция боты.
    Мұнда жаңалықтар таратылымына жазылуға (/subscribe), жаңалық ұсынуға және тілді таңдауға болады.
start-button-subscribe = 📬 Таратылым
start-button-tip = 📝 Жаңалық ұсыну
start-button-language = 🌐 Тіл
help-text =
    Мен не істей аламын:
    /subscribe — жаңалықтар таратылымына жазылу
    /settings — таратылым баптаулары
    /unsubscribe — таратылымнан шығу
    /mydata — бот мен туралы не сақтайды
    /forget — деректерімді өшіру
    /tip — редакцияға жаңалық ұсыну
    /cancel — ағымдағы қадамды болдырмау
    /language — тілді ауыстыру
    /help — осы анықтама
help-editor-text =
    Редакция командалары:
    /post <id немесе сілтеме> — мақаланың жариялану күйі, жариялау немесе алып тастау
    /poll — сауалнама құру
    /closepoll <id> — сауалнаманы жабу
    /stats <id> — сауалнама нәтижелері
    /channels — арналар: тізім, қосу, өшіру
    /subscribers — таратылымға жазылғандар
    /digest — дайджест: алдын ала қарау және жіберу
    /broadcast <мәтін> — барлық жазылушыларға хабарлама
    /console — редакция консолі: ұсынылған жаңалықтар, жарияланымдар, сауалнамалар, таспалар
language-choose = Тілді таңдаңыз:
language-changed = Дайын, тіл — қазақша.
error-generic = Бірдеңе дұрыс болмады. Біз қазір анықтап жатырмыз, сәлден соң қайталап көріңіз.
error-not-editor = Бұл команда тек редакцияға қолжетімді.
nothing-to-cancel = Қазір болдырмайтын ештеңе жоқ.
help-command-start = Басты мәзір
help-command-tip = Жаңалық ұсыну
help-command-language = Тілді ауыстыру
help-command-cancel = Ағымдағы қадамды болдырмау
help-command-help = Бот не істей алады
help-command-post = Telegram-дағы мақала: жариялау немесе алып тастау
help-command-poll = Сауалнама құру
help-command-closepoll = Сауалнаманы жабу
help-command-stats = Сауалнама нәтижелері
help-command-channels = Арналар
start-hint = Мен — редакция боты. Жаңалық ұсыну үшін төмендегі түймені басыңыз немесе /tip жіберіңіз.
help-command-subscribe = Таратылымға жазылу
help-command-settings = Таратылым баптаулары
help-command-unsubscribe = Таратылымнан шығу
help-command-mydata = Бот мен туралы не сақтайды
help-command-forget = Деректерімді өшіру
help-command-subscribers = Таратылымға жазылғандар
help-command-digest = Дайджест: қарау және жіберу
help-command-broadcast = Жазылушыларға хабарлама
help-command-console = Редакция консолі (Mini App)
