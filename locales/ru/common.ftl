## Common: start, help, language, errors

start-welcome =
    Здравствуйте! Это бот редакции.
    Здесь можно подписаться на рассылку новостей (/subscribe), предложить новость и выбрать язык.
start-button-subscribe = 📬 Рассылка
start-button-tip = 📝 Предложить новость
start-button-language = 🌐 Язык
help-text =
    Что я умею:
    /subscribe — подписаться на рассылку новостей
    /settings — настройки рассылки
    /unsubscribe — отписаться от рассылки
    /mydata — что бот хранит обо мне
    /forget — стереть мои данные
    /tip — предложить новость редакции
    /cancel — отменить текущий шаг
    /language — сменить язык
    /help — эта подсказка
help-editor-text =
    Команды редакции:
    /post <id или ссылка> — состояние публикации статьи, опубликовать или снять
    /poll — создать опрос
    /closepoll <id> — закрыть опрос
    /stats <id> — результаты опроса
    /channels — каналы: список, добавить, отключить
    /subscribers — подписчики рассылки
    /digest — дайджест: предпросмотр и отправка
    /broadcast <текст> — сообщение всем подписчикам
    /console — консоль редакции: новости, публикации, опросы, ленты
language-choose = Выберите язык:
language-changed = Готово, язык — русский.
error-generic = Что-то пошло не так. Мы уже разбираемся, попробуйте ещё раз чуть позже.
error-not-editor = Эта команда доступна только редакции.
nothing-to-cancel = Сейчас нечего отменять.
help-command-start = Главное меню
help-command-tip = Предложить новость
help-command-language = Сменить язык
help-command-cancel = Отменить текущий шаг
help-command-help = Что умеет бот
help-command-post = Статья в Telegram: опубликовать или снять
help-command-poll = Создать опрос
help-command-closepoll = Закрыть опрос
help-command-stats = Результаты опроса
help-command-channels = Каналы
help-command-subscribe = Подписаться на рассылку
help-command-settings = Настройки рассылки
help-command-unsubscribe = Отписаться от рассылки
help-command-mydata = Что бот хранит обо мне
help-command-forget = Стереть мои данные
help-command-subscribers = Подписчики рассылки
help-command-digest = Дайджест: предпросмотр и отправка
help-command-broadcast = Сообщение подписчикам
start-hint = Я бот редакции. Чтобы предложить новость, нажмите кнопку ниже или отправьте /tip.
help-command-console = Консоль редакции (Mini App)
