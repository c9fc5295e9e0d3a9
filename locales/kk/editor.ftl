## Editor commands: /channels and /post

channels-none = Әзірге арна жоқ.
channels-usage =
    /channels — тізім
    /channels add <@арна немесе id> <ru|kk|en> — қосу немесе қайта іске қосу
    /channels remove <@арна немесе id> — өшіру
channels-line = { $chat } ({ $language }) — { $status } { $error }
channels-status-active = ✅ жұмыс істеп тұр
channels-status-forbidden = ⛔ бот шығарылған немесе құқығы жоқ
channels-status-migrated = ↪️ көшті
channels-status-disabled = ⏸ өшірілген
channels-added = { $chat } ({ $language }) арнасы қосылды. Осы тілдегі жаңа мақалалар соған жіберіледі.
channels-disabled = { $chat } арнасы өшірілді.
channels-unknown = { $chat } арнасы тізімде жоқ.
post-usage = /post деп жазып, мақаланың id-ін немесе сілтемесін қосыңыз.
post-not-found = «{ $reference }» мақаласы табылмады.
post-article = «{ $title }» ({ $id }), күйі: { $status }
post-delivery-line = • { $chat }: { $state } { $error }
post-status-published = жарияланған
post-status-draft = жоба
post-status-withdrawn = жарияланымнан алынған
post-status-archived = таспа мұрағатында
post-state-pending = ⏳ кезекте
post-state-sending = 📤 жіберілуде
post-state-sent = ✅ жарияланды
post-state-withdrawn = 🗑 алынды
post-state-failed = ⚠️ қате
post-no-channels = Мақала тіліне арна жоқ.
post-button-publish = 📤 Жариялау
post-button-withdraw = 🗑 Алып тастау
post-publishing = Жариялап жатырмыз.
post-withdrawing = Жарияланымнан алып жатырмыз.
post-draft = Бұл оқырман хабарламасынан жасалған жоба: оны сайт арқылы жариялаңыз.
channels-bad-chat-id = «{ $value }» — чат id-і де, @арна аты да емес.
channels-bad-language = «{ $value }» — белгісіз тіл: ru, kk немесе en.
