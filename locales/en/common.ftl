## Common: start, help, language, errors

start-welcome =
    Hello! This is the newsroom's bot.
    Here you can subscribe to our newsletter (/subscribe), send us a tip and choose your language.
start-button-subscribe = 📬 Newsletter
start-button-tip = 📝 Send a tip
start-button-language = 🌐 Language
help-text =
    What I can do:
    /subscribe — subscribe to the newsletter
    /settings — newsletter settings
    /unsubscribe — unsubscribe from the newsletter
    /mydata — what the bot keeps about me
    /forget — erase my data
    /tip — send the newsroom a tip
    /cancel — stop the current step
    /language — change the language
    /help — this help
help-editor-text =
    Newsroom commands:
    /post <id or link> — an article's delivery state, publish or withdraw it
    /poll — create a poll
    /closepoll <id> — close a poll
    /stats <id> — poll results
    /channels — channels: list, add, disable
    /subscribers — newsletter subscribers
    /digest — the digest: preview and send
    /broadcast <text> — a message to every subscriber
    /console — the editors' console: tips, posts, polls, feeds
language-choose = Choose your language:
language-changed = Done, the language is English.
error-generic = Something went wrong. We are looking into it, please try again a little later.
error-not-editor = This command is for the newsroom only.
nothing-to-cancel = There is nothing to cancel right now.
help-command-start = Main menu
help-command-tip = Send a tip
help-command-language = Change the language
help-command-cancel = Stop the current step
help-command-help = What the bot can do
help-command-post = An article in Telegram: publish or withdraw
help-command-poll = Create a poll
help-command-closepoll = Close a poll
help-command-stats = Poll results
help-command-channels = Channels
start-hint = I am the newsroom's bot. To send us a tip, press the button below or send /tip.
help-command-subscribe = Subscribe to the newsletter
help-command-settings = Newsletter settings
help-command-unsubscribe = Unsubscribe from the newsletter
help-command-mydata = What the bot keeps about me
help-command-forget = Erase my data
help-command-subscribers = Newsletter subscribers
help-command-digest = The digest: preview and send
help-command-broadcast = A message to subscribers
help-command-console = The editors' console (Mini App)
