## Editors: subscribers, digests, announcements

subscribers-stats =
    📬 Таратылымға жазылғандар: { $subscribed } (қолжетімді { $reachable }, ботты бұғаттағандар { $blocked })
    Шұғыл жаңалық алатындар: { $breaking }
    Тілдер бойынша: { $languages }
    Дайджест: күн сайын { $daily }, аптасына бір рет { $weekly }, дайджестсіз { $off }
    Айдарлар: барлық айдар { $all }; айдар таңдағандар: { $sections }
    Соңғы 7 күнде: жазылды { $joined }, шықты { $left }, барлығы { $net }
digest-preview-empty = Соңғы тәулікте жаңа материал жоқ — бүгінгі дайджест бос болар еді, сондықтан жіберілмейді.
digest-preview-question = Бүгінгі дайджест осындай. Әр оқырман өз тілінде және өз айдарлары бойынша өзінікін алады. Күнделікті дайджест алатындардың бәріне қазір жіберейік пе?
digest-button-send = 📨 Қазір жіберу
broadcast-usage =
    Оқырмандарға хабарлама: /broadcast және мәтін (4096 таңбаға дейін).
    Сілтеме түймесі — соңғы жолда: Түйме мәтіні | https://ekaraganda.kz/…
    Содан кейін: алдын ала қарау, аудитория, растау.
broadcast-invalid = Хабарламаны жіберуге болмайды:
broadcast-all-languages = барлық тілдер
broadcast-all-sections = барлық айдарлар
broadcast-audience = Кімге: тілі — { $language }, айдарлар — { $sections }. Алатын оқырмандар: { $count }. Аудиторияны таңдап, «Жіберу» түймесін басыңыз.
broadcast-button-send = ✉️ Жіберу ({ $count })
broadcast-button-drop = ✖️ Болдырмау
broadcast-draft-gone = Бұл жоба бұрын жіберілген немесе тоқтатылған.
broadcast-dropped = Таратылым жобасы тоқтатылды, ештеңе жіберілген жоқ.
broadcast-progress =
    Таратылым #{ $id }: { $status }
    Барлығы { $total }: жіберілді { $sent }, ботты бұғаттағандар { $blocked }, қате { $failed }, өткізілді { $skipped }, кезекте { $pending }
broadcast-status-queued = кезекте
broadcast-status-sending = жіберілуде
broadcast-status-done = аяқталды
broadcast-status-cancelled = тоқтатылды
broadcast-button-refresh = 🔄 Жаңарту
broadcast-button-stop = ⏹ Тоқтату
broadcast-finished-notice = #{ $id } таратылым аяқталды. Қорытындысы — астындағы «Жаңарту» түймесінде немесе GET /api/broadcasts/{ $id }.
