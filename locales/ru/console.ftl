## Консоль редакции: команда /console

console-title = Консоль редакции
console-not-configured = Для консоли нужен публичный адрес сервера: укажите PUBLIC_URL (https-адрес, по которому Telegram и браузеры видят Habarshy) в .env и перезапустите бота. После этого /console её откроет.
console-open-private = 🗂 Консоль редакции: новости от читателей, публикации, опросы и ленты в одном месте. Откройте её здесь, в Telegram, или в браузере на компьютере по одноразовой ссылке (действует 10 минут).
console-open-group = 🗂 Консоль редакции открывается в личном чате с ботом:
console-open-local = 🗂 Консоль редакции (локальная проба, без https): откройте эту одноразовую ссылку в браузере на этом компьютере в течение 10 минут: { $url }
console-button-open = 🗂 Открыть консоль
console-button-browser = 💻 Открыть в браузере
console-menu-button = Консоль

## Консоль редакции: вход

console-login-intro = Войти в консоль редакции как { $name }? Ссылка действует один раз.
console-login-button = Войти
console-login-expired = Ссылка для входа устарела или уже использована. Отправьте боту /console, чтобы получить новую.
console-refused-not-editor = Консоль доступна только редакторам.
console-refused-launch = Данные запуска от Telegram не приняты (устарели или подписаны не для этого бота). Закройте консоль и откройте её снова из бота.
console-refused-outside = Откройте консоль из Telegram командой /console или войдите по одноразовой ссылке от бота.
console-loading = Загрузка…
console-language = Язык
console-error = Не получилось
console-error-network = Сервер недоступен. Проверьте связь и попробуйте ещё раз.
console-error-conflict = Нельзя: новость уже в другом статусе (возможно, её взял другой редактор). На странице — её текущее состояние.
console-error-relay_closed = Отправитель заблокирован или новость помечена как спам: ему ничего не отправляется.
console-error-no-consent = Автор не разрешил публикацию.
console-error-no-draft = Сначала примите новость: публикация начинается с её черновика.
console-error-not_delivered = Не доставлено: возможно, автор заблокировал бота.
console-error-validation_failed = Проверьте поля
console-error-draft = Черновик публикуется из своей новости, на вкладке «Новости».
console-error-not_found = Этого уже нет.
console-back = Назад

## Консоль редакции: вкладки и новости

console-tab-tips = Новости
console-tab-posts = Публикации
console-tab-polls = Опросы
console-tab-feeds = Ленты и каналы
console-tab-readers = Читатели
console-filter-open = Открытые
console-filter-new = Новые
console-filter-in_progress = В работе
console-filter-accepted = Принятые
console-filter-rejected = Отклонённые
console-filter-published = Опубликованные
console-filter-spam = Спам
console-filter-all = Все
console-tips-topic = Тема
console-tips-all-topics = Все темы
console-tips-empty = Здесь пока пусто.
console-tips-card-waiting = карточка ещё не в группе
console-topic-city = Город
console-topic-incident = Происшествие
console-topic-roads = Дороги и транспорт
console-topic-utilities = ЖКХ
console-topic-society = Общество
console-topic-other = Другое
console-status-new = новая
console-status-in_progress = в работе
console-status-accepted = принята
console-status-rejected = отклонена
console-status-published = опубликована
console-status-spam = спам
console-consent-name = можно публиковать с именем
console-consent-anonymous = можно публиковать анонимно
console-consent-none = не для публикации
console-tip-topic = Тема
console-tip-consent = Публикация
console-tip-place = Где
console-tip-contact = Контакт
console-tip-anonymous = анонимно
console-tip-handled-by = Последнее решение
console-tip-unreachable = Автор заблокировал бота: ответы до него не дойдут.
console-file-photo = Фото от автора
console-file-document = Документ
console-action-accept = ✅ Принять
console-action-reject = ❌ Отклонить
console-action-ban = 🚫 Спам: заблокировать отправителя
console-action-unban = ↩️ Разблокировать отправителя
console-action-reply = Отправить автору
console-confirm-ban = Пометить новость как спам и заблокировать отправителя?
console-reply-label = Ответ автору
console-reply-placeholder = Ваш вопрос или ответ автору…
console-reply-hint = Автор получит сообщение от имени редакции, без вашего имени.
console-thread-to_citizen = Редакция → автор
console-thread-from_citizen = Автор → редакция
console-done-accept = Принята: автор уведомлён, создан черновик статьи.
console-done-reject = Отклонена: автор уведомлён.
console-done-publish = Отмечена как опубликованная: автор уведомлён.
console-done-ban = Помечена как спам: отправитель заблокирован.
console-done-unban = Отправитель снова может присылать новости.
console-done-reply = Отправлено автору.
console-done-publish-draft = Опубликовано: пост уходит в каналы.
console-draft-title = Опубликовать черновик
console-draft-field-title = Заголовок
console-draft-field-lead = Лид
console-draft-field-url = Ссылка на статью на сайте
console-draft-publish = Опубликовать в каналах
console-draft-no-consent = Автор не разрешил публикацию: черновик остаётся в редакции.

## Консоль редакции: публикации

console-posts-empty = Статей пока нет.
console-posts-on-site = на сайте
console-posts-open = открыть в Telegram
console-posts-no-channels = Для этого языка нет канала.
console-article-published = опубликована
console-article-scheduled = запланирована
console-article-withdrawn = снята
console-article-archived = архив
console-article-draft = черновик
console-source-api = с сайта
console-source-feed = из ленты
console-source-tip = из новости читателя
console-source-editor = от редактора
console-delivery-sent = отправлено
console-delivery-scheduled = запланировано
console-delivery-rate-limited = ждёт лимита Telegram
console-delivery-failed = ошибка
console-delivery-uncertain = под вопросом: проверяется
console-delivery-queued = в очереди
console-delivery-channel-blocked = канал не принимает бота
console-delivery-withdrawn = снято
console-action-retry = 🔁 Повторить
console-action-withdraw = Снять
console-confirm-withdraw = Снять «{ $title }» во всех каналах?
console-done-retry = Отправляем снова.
console-done-withdraw = Снимаем из каналов.
console-preview-show = Предпросмотр
console-preview-hide = Скрыть предпросмотр

## Консоль редакции: опросы

console-polls-empty = Опросов пока нет.
console-poll-open = идёт
console-poll-closed = закрыт
console-poll-votes = Голосов: { $total } (в Telegram — { $telegram }, на сайте — { $site })
console-poll-closes = закроется { $when }
console-poll-per-chat = По чатам
console-poll-site = Сайт
console-copy-pending = ждёт отправки
console-copy-sending = отправляется
console-copy-sent = идёт
console-copy-closing = закрывается
console-copy-closed = закрыт
console-copy-failed = ошибка
console-action-close-poll = Закрыть опрос
console-confirm-close-poll = Закрыть опрос во всех чатах и опубликовать итоги?
console-done-close = Закрываем: итоги появятся под опросом.

## Консоль редакции: ленты и каналы

console-feeds-title = Ленты
console-feeds-url = Адрес ленты
console-action-add-feed = Добавить
console-feed-active = опрашивается
console-feed-paused = на паузе
console-feed-removed = удалена
console-feed-failing = ошибки
console-feed-last-success = Последний успех
console-feed-next-poll = Следующий опрос
console-feed-not-polled = не опрашивается
console-feed-items = Взято материалов
console-feed-items-value = опубликовано: { $posted }, в архиве: { $archived }
console-feed-last-error = Последняя ошибка
console-feed-errors = ошибок подряд: { $count }
console-action-pause = Пауза
console-action-resume = Возобновить
console-action-remove = Удалить
console-confirm-remove-feed = Удалить ленту? Её статьи останутся.
console-done-feed-added = Лента добавлена: её опросят при следующем запуске.
console-done-feed-paused = Лента на паузе.
console-done-feed-resumed = Лента снова опрашивается.
console-done-feed-removed = Лента удалена.
console-channels-title = Каналы
console-channel-active = работает
console-channel-forbidden = бота удалили
console-channel-migrated = переехал в супергруппу
console-channel-disabled = отключён

## Консоль редакции: читатели

console-readers-subscribed = подписаны
console-readers-change = за 7 дней
console-readers-blocked = заблокировали бота
console-readers-broadcasts = Рассылки
console-readers-progress = заблокировали: { $blocked }, ошибок: { $failed }
