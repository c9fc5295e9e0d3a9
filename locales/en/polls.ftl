## Polls: the editors' /poll, /closepoll, /stats, the results post, notices

poll-date-locale = en-GB
poll-usage =
    Create a poll in one line:
    /poll Question? | option 1 | option 2 | …
    or with /poll alone, step by step.
    Options (add at the end): --closes 2d (or 3h, 90m, 2025-06-01T18:00), --chats @channel,-100…, --multi (several answers), --public (named votes, groups only), --lang ru|kk|en, --id external-id
poll-ask =
    New poll. Reply to this message: the question on the first line, then one option per line (2–12).
    Optional lines: --closes 2d, --chats @channel, --multi, --public
poll-ask-placeholder = Question, then options, one per line
poll-created = ✅ Poll #{ $id } created: "{ $question }"
poll-exists = ℹ️ Poll #{ $id } already exists: "{ $question }"
poll-created-chats = Posting to: { $chats }
poll-created-closes = Closes: { $date }
poll-created-no-close = No closing time: close it with /closepoll.
poll-created-hint = Results: /stats #{ $id } · close: /closepoll #{ $id }
poll-not-found = Poll "{ $id }" not found.
poll-close-usage = Send /closepoll with the poll's number, e.g. /closepoll #12
poll-stats-usage = Send /stats with the poll's number, e.g. /stats #12
poll-already-closed = Poll #{ $id } is already closed.
poll-closed = 🔒 Poll #{ $id } "{ $question }" is closed. The polls are being stopped; the results will be posted in the channels.
poll-stats-open = Poll #{ $id } is open.
poll-stats-open-until = Poll #{ $id } is open until { $date }.
poll-stats-closed = Poll #{ $id } closed { $date }.
poll-stats-copy = • { $chat }: { $state }, { $voters } voted { $error }
poll-state-pending = ⏳ queued
poll-state-sending = 📤 sending
poll-state-sent = ✅ running
poll-state-closing = ⏳ closing
poll-state-closed = 🔒 closed
poll-state-failed = ⚠️ failed

poll-results-title = 📊 Poll: { $question }
poll-results-final-title = 📊 Poll results: { $question }
poll-results-option = { $percent }% · { $total } (Telegram { $telegram }, site { $site })
poll-results-votes = Votes: { $total } (Telegram { $telegram }, site { $site })
poll-results-voters = Voters: { $total } (Telegram { $telegram }, site { $site })
poll-results-voters-telegram = Voters in Telegram: { $telegram }

poll-chat-forbidden = ⚠️ Chat { $chat } refuses the bot ({ $reason }); poll #{ $poll } is not running there. Add the bot back and re-enable the chat with /channels.
poll-chat-migrated = ℹ️ Group { $chat } became supergroup { $newChat }; poll #{ $poll } follows it there.
poll-refused = ⚠️ Telegram refused poll #{ $poll } in { $chat }: { $reason }

poll-error-title = ❌ The poll was not created:
poll-error-required = { $field } is missing.
poll-error-body = The poll must be a JSON object.
poll-error-question-empty = The question is empty.
poll-error-question-too-long = The question is too long: { $length } characters, Telegram allows 300.
poll-error-options-type = The options must be a list of texts.
poll-error-options-too-few = A poll needs at least 2 options.
poll-error-options-too-many = A poll can have at most 12 options.
poll-error-option-empty = Option { $n } is empty.
poll-error-option-too-long = Option { $n } is too long: { $length } characters, Telegram allows 100.
poll-error-option-duplicate = Option { $n } repeats option { $other }.
poll-error-closes-invalid = The closing time is not a date.
poll-error-closes-format = "{ $value }" is not a closing time: use 90m, 3h, 2d or 2025-06-01T18:00.
poll-error-closes-past = The closing time has already passed.
poll-error-closes-too-far = The closing time can be at most 30 days ahead.
poll-error-chats-invalid = "{ $chat }" is not a chat: use @username or a numeric id.
poll-error-chats-too-many = At most 20 chats per poll.
poll-error-chats-none = There is no chat to post to: add --chats or set up channels with /channels.
poll-error-language-invalid = The language must be ru, kk or en.
poll-error-boolean = { $field } must be true or false.
poll-error-text = { $field } must be a text of 1–200 characters.
poll-error-site-votes-invalid = The site's votes must be whole numbers from 0 to 1 billion.
poll-error-id-unclean = { $field } holds characters it may not hold (control characters or broken Unicode).
poll-error-site-votes-length = The site's votes need one number per option ({ $expected }).
poll-error-flag-unknown = Unknown option { $flag }.
