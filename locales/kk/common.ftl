## Common: start, help, language, errors

start-welcome =
    Сәлеметсіз бе! Бұл — редакция боты.
    Мұнда жаңалық ұсынуға, таратылымға жазылуға және тілді таңдауға болады.
start-button-tip = 📝 Жаңалық ұсыну
start-button-language = 🌐 Тіл
help-text =
    Мен не істей аламын:
    /tip — редакцияға жаңалық ұсыну
    /cancel — ағымдағы қадамды тоқтату
    /language — тілді ауыстыру
    /help — осы анықтама
help-editor-text =
    Редакция командалары:
    /post <id немесе сілтеме> — мақаланың жариялану күйі, жариялау немесе алып тастау
    /poll — сауалнама құру
    /closepoll <id> — сауалнаманы жабу
    /stats <id> — сауалнама нәтижелері
    /channels — арналар: тізім, қосу, өшіру
    /console — редакция консолі: жаңалықтар, жарияланымдар, сауалнамалар, арналар ағыны
language-choose = Тілді таңдаңыз:
language-changed = Дайын, тіл — қазақша.
error-generic = Бірдеңе дұрыс болмады. Біз қазір анықтап жатырмыз, сәлден соң қайталап көріңіз.
error-not-editor = Бұл команда тек редакцияға қолжетімді.
nothing-to-cancel = Қазір тоқтататын ештеңе жоқ.
help-command-start = Басты мәзір
help-command-tip = Жаңалық ұсыну
help-command-language = Тілді ауыстыру
help-command-cancel = Ағымдағы қадамды тоқтату
help-command-help = Бот не істей алады
help-command-post = Telegram-дағы мақала: жариялау немесе алып тастау
help-command-poll = Сауалнама құру
help-command-closepoll = Сауалнаманы жабу
help-command-stats = Сауалнама нәтижелері
help-command-channels = Арналар
start-hint = Мен — редакция боты. Жаңалық ұсыну үшін төмендегі батырманы басыңыз немесе /tip жіберіңіз.
help-command-console = Редакция консолі (Mini App)
