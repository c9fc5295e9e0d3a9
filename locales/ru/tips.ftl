## Новости от читателей: разговор с читателем

tip-ask-topic = 📝 Расскажите редакции свою новость. О чём она?
tip-topic-city = 🏙 Город
tip-topic-incident = 🚨 Происшествие
tip-topic-roads = 🚧 Дороги и транспорт
tip-topic-utilities = 💡 ЖКХ
tip-topic-society = 👥 Общество
tip-topic-other = ✏️ Другое
tip-ask-text =
    Что произошло? Опишите одним сообщением ({ $min }–{ $max } символов) или запишите голосовое.
    Когда, где, кто видел — пригодится любая деталь.
tip-hint-text-short = Слишком коротко. Напишите хотя бы { $min } символов, например: «С утра нет воды в домах 12–18 по проспекту Бухар-Жырау».
tip-hint-text-long = Слишком длинно: { $length } символов, а можно не больше { $max }. Сократите, пожалуйста — фото и документы можно будет добавить на следующем шаге.
tip-hint-text-expected = Опишите, что произошло, текстом или голосовым сообщением.
tip-hint-text-first = Сначала опишите, что произошло, словами — фото и видео можно будет добавить на следующем шаге.
tip-ask-media =
    Есть фото, видео или документы? Отправьте их сейчас — можно несколько сразу (до { $max } файлов).
    Когда закончите, нажмите «Готово». Файлов нет — нажмите «Пропустить».
tip-media-received = 📎 Получили. Отправьте ещё (до { $max } файлов) или нажмите «Готово».
tip-hint-media-expected = Сюда можно отправить фото, видео или документ — или нажмите «Готово» / «Пропустить».
tip-hint-media-limit = Это предел: не больше { $max } файлов в одной новости. Лишние файлы не добавлены; нажмите «Готово», чтобы продолжить.
tip-ask-place =
    Где это случилось? Отправьте геопозицию кнопкой ниже или напишите адрес или ориентир (до { $max } символов).
    Не хотите указывать — нажмите «Пропустить».
tip-hint-place-expected = Отправьте геопозицию или напишите адрес — или нажмите «Пропустить».
tip-hint-place-long = Адрес слишком длинный: { $length } символов, можно не больше { $max }.
tip-place-saved = 📍 Место записали.
tip-place-skipped = Хорошо, без места.
tip-ask-contact =
    Может ли редактор связаться с вами, чтобы уточнить детали? Поделитесь номером кнопкой ниже — его увидит только редакция.
    Или останьтесь анонимом.
tip-hint-contact-expected = Воспользуйтесь кнопками ниже: поделитесь номером или останьтесь анонимом.
tip-hint-contact-own = Поделитесь, пожалуйста, своим номером — кнопкой «Поделиться номером».
tip-contact-saved = 📱 Спасибо, ваш номер увидит только редакция.
tip-contact-anonymous = Хорошо, вы остаётесь анонимом.
tip-ask-consent = Можно ли редакции опубликовать вашу новость?
tip-consent-button-name = ✅ Да, с моим именем
tip-consent-button-anonymous = 🕶 Да, анонимно
tip-consent-button-none = 🔒 Нет, только для редакции
tip-consent-name = можно публиковать с именем
tip-consent-anonymous = можно публиковать анонимно
tip-consent-none = не для публикации
tip-preview-intro = Проверьте, пожалуйста, вашу новость:
tip-preview-heading = Ваша новость
tip-ask-edit = Что хотите изменить?
tip-edit-topic = Тема
tip-edit-text = Текст
tip-edit-media = Файлы
tip-edit-place = Место
tip-edit-contact = Контакт
tip-edit-consent = Публикация
tip-sent =
    ✅ Спасибо! Ваша новость получена и передаётся редакторам. Её номер — { $reference }.
    Редактор может написать вам здесь; отвечать можно прямо в этом чате.
tip-cancelled = Отменено, ничего не отправлено. Чтобы начать заново, отправьте /tip.
tip-expired = Эта новость уже закрыта. Чтобы отправить новую, отправьте /tip.
tip-banned = К сожалению, редакция больше не принимает новости с этого аккаунта.
tip-rate-limited = Вы отправляете сообщения слишком быстро. Подождите несколько секунд и попробуйте снова.
tip-hint-command = Вы сейчас отправляете новость. Ответьте на вопрос выше или отправьте /cancel, чтобы отменить.
tip-ended-hints = Похоже, что-то не получается, поэтому я закрыл эту новость — ничего не отправлено. Чтобы начать заново, отправьте /tip.
tip-ended-expired = Эта новость была открыта слишком долго, поэтому я её закрыл — ничего не отправлено. Чтобы начать заново, отправьте /tip.
tip-hint-use-buttons = Выберите, пожалуйста, одну из кнопок выше.
tip-hint-stale-button = Эта кнопка от предыдущего вопроса. Воспользуйтесь последним сообщением.
tip-button-skip = Пропустить
tip-button-done = ✅ Готово
tip-button-send-location = 📍 Отправить геопозицию
tip-button-share-phone = 📱 Поделиться номером
tip-button-anonymous = 🕶 Остаться анонимом
tip-button-send = ✅ Отправить
tip-button-edit = ✏️ Изменить
tip-button-cancel = ✖️ Отменить

## Новости от читателей: переписка и уведомления

tip-relay-to-citizen =
    📰 Редакция, по вашей новости { $reference }:
    { $text }
tip-relay-delivered = ✉️ Передали редакции (новость { $reference }).
tip-notify-accepted = 👍 Редакция взяла вашу новость { $reference } в работу. Спасибо!
tip-notify-rejected = Спасибо за новость { $reference }. В этот раз редакция решила о ней не писать.
tip-notify-published = 📰 Ваша новость { $reference } опубликована. Спасибо, что помогаете редакции!

## Новости от читателей: стол редакции

tip-card-topic = Тема:
tip-card-text = Что произошло:
tip-card-voice = 🎤 Голосовое сообщение (ниже)
tip-card-place = Где:
tip-card-none = —
tip-card-files = Файлы:
tip-card-consent = Публикация:
tip-card-contact = Контакт:
tip-card-language = Язык:
tip-card-trimmed = (сокращено: в карточку помещается не больше { $limit } символов; полный текст — во входящих)
tip-status-new = 🆕 новая
tip-status-in_progress = 💬 в работе
tip-status-accepted = ✅ принята
tip-status-rejected = ❌ отклонена
tip-status-published = 📰 опубликована
tip-status-spam = 🚫 спам
tip-card-by = решение: { $editor }
tip-card-sender-banned = 🚫 Отправитель заблокирован.
tip-card-sender-unbanned = ↩️ Отправитель разблокирован.
tip-desk-button-unban = ↩️ Разблокировать отправителя
tip-desk-console-reply =
    ✉️ Ответ автору { $reference } из консоли ({ $editor }):
    { $text }
tip-desk-button-accept = ✅ Принять
tip-desk-button-reject = ❌ Отклонить
tip-desk-button-reply = 💬 Ответить
tip-desk-button-ban = 🚫 Спам / бан
tip-desk-button-ban-confirm = 🚫 Да, спам: заблокировать отправителя
tip-desk-button-back = ↩️ Назад
tip-desk-button-published = 📰 Опубликовано
tip-desk-reply-prompt = ✍️ Ответьте на это сообщение — текст уйдёт автору новости { $reference } от имени редакции.
tip-desk-relayed = ✉️ Отправлено автору { $reference }.
tip-desk-relay-failed = ⚠️ Не удалось доставить автору { $reference } (возможно, он заблокировал бота).
tip-desk-relay-closed = 🚫 { $reference } помечена как спам: её отправителю ничего не отправляется.
tip-relay-to-desk = 💬 { $reference }: пишет автор новости:
tip-desk-not-editor = Эти кнопки только для редакторов.
tip-desk-not-found = Этой новости больше нет.
tip-desk-draft-created = { $reference } принята. Создан черновик статьи №{ $id }.
tip-desk-transition-refused = Нельзя: новость уже { $from }.
