## Editors: subscribers, digests, announcements

subscribers-stats =
    📬 Подписчики рассылки: { $subscribed } (доступны { $reachable }, заблокировали бота { $blocked })
    Срочные новости получают: { $breaking }
    По языкам: { $languages }
    Дайджест: каждый день { $daily }, раз в неделю { $weekly }, без дайджеста { $off }
    Разделы: все разделы { $all }; выбрали разделы: { $sections }
    За 7 дней: подписались { $joined }, отписались { $left }, итого { $net }
digest-preview-empty = За последние сутки новых материалов нет — сегодняшний дайджест был бы пустым, он не отправится.
digest-preview-question = Так выглядит сегодняшний дайджест. Каждый подписчик получит свой — на своём языке и по своим разделам. Отправить всем с ежедневным дайджестом сейчас?
digest-button-send = 📨 Отправить сейчас
broadcast-usage =
    Рассылка читателям: /broadcast и текст сообщения (до 4096 символов).
    Кнопка-ссылка — последней строкой: Текст кнопки | https://ekaraganda.kz/…
    Потом: предпросмотр, выбор аудитории, подтверждение.
broadcast-invalid = Сообщение не подходит:
broadcast-all-languages = все языки
broadcast-all-sections = все разделы
broadcast-audience = Кому: язык — { $language }, разделы — { $sections }. Получат читателей: { $count }. Выберите аудиторию и нажмите «Отправить».
broadcast-button-send = ✉️ Отправить ({ $count })
broadcast-button-drop = ✖️ Отменить
broadcast-draft-gone = Этот черновик уже отправлен или отменён.
broadcast-dropped = Черновик рассылки отменён, ничего не отправлено.
broadcast-progress =
    Рассылка #{ $id }: { $status }
    Всего { $total }: отправлено { $sent }, заблокировали бота { $blocked }, ошибок { $failed }, пропущено { $skipped }, в очереди { $pending }
broadcast-status-queued = в очереди
broadcast-status-sending = отправляется
broadcast-status-done = завершена
broadcast-status-cancelled = остановлена
broadcast-button-refresh = 🔄 Обновить
broadcast-button-stop = ⏹ Остановить
broadcast-finished-notice = Рассылка #{ $id } завершена. Итоги — кнопкой «Обновить» под ней или GET /api/broadcasts/{ $id }.
