## Polls: the editors' /poll, /closepoll, /stats, the results post, notices

poll-date-locale = ru-RU
poll-usage =
    Создать опрос одной строкой:
    /poll Вопрос? | вариант 1 | вариант 2 | …
    или просто /poll — по шагам.
    Параметры (в конце): --closes 2d (или 3h, 90m, 2025-06-01T18:00), --chats @канал,-100…, --multi (несколько ответов), --public (открытое голосование, только в группах), --lang ru|kk|en, --id внешний-id
poll-ask =
    Новый опрос. Ответьте на это сообщение: в первой строке вопрос, дальше по одному варианту в строке (2–12).
    Необязательные строки: --closes 2d, --chats @канал, --multi, --public
poll-ask-placeholder = Вопрос, затем варианты, по одному в строке
poll-created = ✅ Опрос №{ $id } создан: «{ $question }»
poll-exists = ℹ️ Опрос №{ $id } уже есть: «{ $question }»
poll-created-chats = Публикуется в: { $chats }
poll-created-closes = Закроется: { $date }
poll-created-no-close = Без срока: закройте его командой /closepoll.
poll-created-hint = Итоги: /stats №{ $id } · закрыть: /closepoll №{ $id }
poll-not-found = Опрос «{ $id }» не найден.
poll-close-usage = Отправьте /closepoll с номером опроса, например /closepoll №12
poll-stats-usage = Отправьте /stats с номером опроса, например /stats №12
poll-already-closed = Опрос №{ $id } уже закрыт.
poll-closed = 🔒 Опрос №{ $id } «{ $question }» закрыт. Голосование останавливается, итоги появятся в каналах.
poll-stats-open = Опрос №{ $id } идёт.
poll-stats-open-until = Опрос №{ $id } идёт до { $date }.
poll-stats-closed = Опрос №{ $id } закрыт { $date }.
poll-stats-copy = • { $chat }: { $state }, проголосовали: { $voters } { $error }
poll-state-pending = ⏳ в очереди
poll-state-sending = 📤 отправляется
poll-state-sent = ✅ идёт
poll-state-closing = ⏳ закрывается
poll-state-closed = 🔒 закрыт
poll-state-failed = ⚠️ ошибка

poll-results-title = 📊 Опрос: { $question }
poll-results-final-title = 📊 Итоги опроса: { $question }
poll-results-option = { $percent }% · { $total } (Telegram { $telegram }, сайт { $site })
poll-results-votes = Голосов: { $total } (Telegram { $telegram }, сайт { $site })
poll-results-voters = Проголосовали: { $total } (Telegram { $telegram }, сайт { $site })
poll-results-voters-telegram = Проголосовали в Telegram: { $telegram }

poll-chat-forbidden = ⚠️ Чат { $chat } не принимает бота ({ $reason }); опрос №{ $poll } там не идёт. Верните бота и включите чат командой /channels.
poll-chat-migrated = ℹ️ Группа { $chat } стала супергруппой { $newChat }; опрос №{ $poll } уходит туда.
poll-refused = ⚠️ Telegram не принял опрос №{ $poll } в { $chat }: { $reason }

poll-error-title = ❌ Опрос не создан:
poll-error-required = Не указано поле { $field }.
poll-error-body = Опрос должен быть JSON-объектом.
poll-error-question-empty = Вопрос пустой.
poll-error-question-too-long = Вопрос слишком длинный: { $length } символов, Telegram допускает 300.
poll-error-options-type = Варианты должны быть списком текстов.
poll-error-options-too-few = Нужно хотя бы 2 варианта ответа.
poll-error-options-too-many = Вариантов может быть не больше 12.
poll-error-option-empty = Вариант { $n } пустой.
poll-error-option-too-long = Вариант { $n } слишком длинный: { $length } символов, Telegram допускает 100.
poll-error-option-duplicate = Вариант { $n } повторяет вариант { $other }.
poll-error-closes-invalid = Время закрытия — не дата.
poll-error-closes-format = «{ $value }» — не время закрытия: укажите 90m, 3h, 2d или 2025-06-01T18:00.
poll-error-closes-past = Время закрытия уже прошло.
poll-error-closes-too-far = Закрыть опрос можно не позже чем через 30 дней.
poll-error-chats-invalid = «{ $chat }» — не чат: укажите @имя или числовой id.
poll-error-chats-too-many = Не больше 20 чатов на один опрос.
poll-error-chats-none = Некуда публиковать: добавьте --chats или настройте каналы командой /channels.
poll-error-language-invalid = Язык должен быть ru, kk или en.
poll-error-boolean = Поле { $field } должно быть true или false.
poll-error-text = Поле { $field } должно быть текстом от 1 до 200 символов.
poll-error-site-votes-invalid = Голоса сайта должны быть целыми числами от 0 до 1 миллиарда.
poll-error-id-unclean = В поле { $field } недопустимые символы (управляющие или испорченный Юникод).
poll-error-site-votes-length = Голосов сайта должно быть по одному числу на вариант ({ $expected }).
poll-error-flag-unknown = Неизвестный параметр { $flag }.
