## Common: start, help, language, errors

start-welcome =
    Здравствуйте! Это бот редакции.
    Здесь можно предложить новость, подписаться на рассылку и выбрать язык.
start-button-tip = 📝 Предложить новость
start-button-language = 🌐 Язык
help-text =
    Что я умею:
    /tip — предложить новость редакции
    /cancel — прервать текущий шаг
    /language — сменить язык
    /help — эта подсказка
help-editor-text =
    Команды редакции:
    /post <id или ссылка> — состояние публикации статьи, опубликовать или снять
    /poll — создать опрос
    /closepoll <id> — закрыть опрос
    /stats <id> — результаты опроса
    /channels — каналы: список, добавить, отключить
    /console — консоль редакции: новости, публикации, опросы, ленты
language-choose = Выберите язык:
language-changed = Готово, язык — русский.
error-generic = Что-то пошло не так. Мы уже разбираемся, попробуйте ещё раз чуть позже.
error-not-editor = Эта команда доступна только редакции.
nothing-to-cancel = Сейчас нечего отменять.
help-command-start = Главное меню
help-command-tip = Предложить новость
help-command-language = Сменить язык
help-command-cancel = Прервать текущий шаг
help-command-help = Что умеет бот
help-command-post = Статья в Telegram: опубликовать или снять
help-command-poll = Создать опрос
help-command-closepoll = Закрыть опрос
help-command-stats = Результаты опроса
help-command-channels = Каналы
start-hint = Я бот редакции. Чтобы предложить новость, нажмите кнопку ниже или отправьте /tip.
help-command-console = Консоль редакции (Mini App)
