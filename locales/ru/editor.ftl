## Editor commands: /channels and /post

channels-none = Каналов пока нет.
channels-usage =
    /channels — список
    /channels add <@канал или id> <ru|kk|en> — добавить или снова включить
    /channels remove <@канал или id> — отключить
channels-line = { $chat } ({ $language }) — { $status } { $error }
channels-status-active = ✅ работает
channels-status-forbidden = ⛔ бот удалён или без прав
channels-status-migrated = ↪️ переехал
channels-status-disabled = ⏸ отключён
channels-added = Канал { $chat } ({ $language }) включён. Новые статьи этого языка пойдут туда.
channels-disabled = Канал { $chat } отключён.
channels-unknown = Канала { $chat } нет в списке.
post-usage = Напишите /post и id статьи или ссылку на неё.
post-not-found = Статья «{ $reference }» не найдена.
post-article = «{ $title }» ({ $id }), статус: { $status }
post-delivery-line = • { $chat }: { $state } { $error }
post-status-published = опубликована
post-status-draft = черновик
post-status-withdrawn = снята с публикации
post-status-archived = в архиве ленты
post-state-pending = ⏳ в очереди
post-state-sending = 📤 отправляется
post-state-sent = ✅ опубликована
post-state-withdrawn = 🗑 снята
post-state-failed = ⚠️ ошибка
post-no-channels = Каналов для языка статьи нет.
post-button-publish = 📤 Опубликовать
post-button-withdraw = 🗑 Снять
post-publishing = Публикуем.
post-withdrawing = Снимаем с публикации.
post-draft = Это черновик из сообщения читателя: публикуйте его через сайт.
channels-bad-chat-id = «{ $value }» — не id чата и не @имя канала.
channels-bad-language = «{ $value }» — неизвестный язык: ru, kk или en.
