## The editors' console: the bot's /console

console-title = Newsroom console
console-not-configured = The console needs the server's public address: set PUBLIC_URL (an https URL where Telegram and browsers reach Habarshy) in .env and restart. Then /console opens it.
console-open-private = 🗂 The newsroom console: tips, posts, polls and feeds in one place. Open it here in Telegram, or in a browser on your computer with a one-time link (valid 10 minutes).
console-open-group = 🗂 The newsroom console opens in the bot's private chat:
console-open-local = 🗂 The newsroom console (local try, no https): open this one-time link in a browser on this computer within 10 minutes: { $url }
console-button-open = 🗂 Open the console
console-button-browser = 💻 Open in a browser
console-menu-button = Console

## The editors' console: signing in

console-login-intro = Sign in to the newsroom console as { $name }? The link works once.
console-login-button = Sign in
console-login-expired = This login link has expired or was already used. Send /console to the bot for a new one.
console-refused-not-editor = The console is for the newsroom's editors only.
console-refused-launch = Telegram's launch data was not accepted (it is too old or not signed for this bot). Close the console and open it again from the bot.
console-refused-outside = Open the console from Telegram with /console, or sign in with the one-time link the bot gives you.
console-loading = Loading…
console-language = Language
console-error = Not done
console-error-network = Could not reach the server. Check the connection and try again.
console-error-conflict = Not possible: the tip is already in another state (perhaps another editor acted). The page shows it as it is now.
console-error-relay_closed = The sender of this tip is banned or it is spam: nothing is sent to them.
console-error-no-consent = The author did not allow publication.
console-error-no-draft = Accept the tip first: publishing starts from its draft.
console-error-not_delivered = Not delivered: the author may have blocked the bot.
console-error-validation_failed = Please check the fields
console-error-draft = A draft is published from its tip, on the Tips tab.
console-error-not_found = It is no longer there.
console-back = Back

## The editors' console: tabs and tips

console-tab-tips = Tips
console-tab-posts = Posts
console-tab-polls = Polls
console-tab-feeds = Feeds and channels
console-tab-readers = Readers
console-filter-open = Open
console-filter-new = New
console-filter-in_progress = In progress
console-filter-accepted = Accepted
console-filter-rejected = Rejected
console-filter-published = Published
console-filter-spam = Spam
console-filter-all = All
console-tips-topic = Topic
console-tips-all-topics = All topics
console-tips-empty = No tips here.
console-tips-card-waiting = card not yet in the group
console-topic-city = City
console-topic-incident = Incident
console-topic-roads = Roads and transport
console-topic-utilities = Utilities
console-topic-society = Society
console-topic-other = Other
console-status-new = new
console-status-in_progress = in progress
console-status-accepted = accepted
console-status-rejected = rejected
console-status-published = published
console-status-spam = spam
console-consent-name = may publish with the name
console-consent-anonymous = may publish anonymously
console-consent-none = not for publication
console-tip-topic = Topic
console-tip-consent = Publication
console-tip-place = Where
console-tip-contact = Contact
console-tip-anonymous = anonymous
console-tip-handled-by = Last decision by
console-tip-unreachable = The author has blocked the bot: answers will not reach them.
console-file-photo = Photo from the author
console-file-document = Document
console-action-accept = ✅ Accept
console-action-reject = ❌ Reject
console-action-ban = 🚫 Spam: ban the sender
console-action-unban = ↩️ Unban the sender
console-action-reply = Send to the author
console-confirm-ban = Mark this tip as spam and ban its sender?
console-reply-label = Answer to the author
console-reply-placeholder = Your question or answer to the author…
console-reply-hint = The author gets it from the newsroom, without your name.
console-thread-to_citizen = Newsroom → author
console-thread-from_citizen = Author → newsroom
console-done-accept = Accepted: the author was told, and a draft article was made.
console-done-reject = Rejected: the author was told.
console-done-publish = Marked as published: the author was told.
console-done-ban = Marked as spam: the sender is banned.
console-done-unban = The sender may send tips again.
console-done-reply = Sent to the author.
console-done-publish-draft = Published: the post is on its way to the channels.
console-draft-title = Publish the draft
console-draft-field-title = Title
console-draft-field-lead = Lead
console-draft-field-url = Article link on the site
console-draft-publish = Publish to the channels
console-draft-no-consent = The author did not allow publication: this draft stays in the newsroom.

## The editors' console: posts

console-posts-empty = No articles yet.
console-posts-on-site = on the site
console-posts-open = open in Telegram
console-posts-no-channels = No channel for this language.
console-article-published = published
console-article-scheduled = scheduled
console-article-withdrawn = withdrawn
console-article-archived = archive
console-article-draft = draft
console-source-api = from the site
console-source-feed = from a feed
console-source-tip = from a tip
console-source-editor = by an editor
console-delivery-sent = sent
console-delivery-scheduled = scheduled
console-delivery-rate-limited = waiting for Telegram's limit
console-delivery-failed = failed
console-delivery-uncertain = uncertain: being checked
console-delivery-queued = in the queue
console-delivery-channel-blocked = the channel refuses the bot
console-delivery-withdrawn = withdrawn
console-action-retry = 🔁 Retry
console-action-withdraw = Withdraw
console-confirm-withdraw = Withdraw "{ $title }" from every channel?
console-done-retry = Sending again.
console-done-withdraw = Withdrawing from the channels.
console-preview-show = Preview
console-preview-hide = Hide preview

## The editors' console: polls

console-polls-empty = No polls yet.
console-poll-open = open
console-poll-closed = closed
console-poll-votes = { $total } votes: { $telegram } in Telegram, { $site } on the site
console-poll-closes = closes { $when }
console-poll-per-chat = Per chat
console-poll-site = Site
console-copy-pending = waiting to be posted
console-copy-sending = posting
console-copy-sent = running
console-copy-closing = closing
console-copy-closed = closed
console-copy-failed = failed
console-action-close-poll = Close the poll
console-confirm-close-poll = Close this poll in every chat and post the results?
console-done-close = Closing: the results will be posted under the poll.

## The editors' console: feeds and channels

console-feeds-title = Feeds
console-feeds-url = Feed address
console-action-add-feed = Add
console-feed-active = polled
console-feed-paused = paused
console-feed-removed = removed
console-feed-failing = failing
console-feed-last-success = Last success
console-feed-next-poll = Next poll
console-feed-not-polled = not polled
console-feed-items = Items taken
console-feed-items-value = { $posted } posted, { $archived } archived
console-feed-last-error = Last error
console-feed-errors = failures in a row: { $count }
console-action-pause = Pause
console-action-resume = Resume
console-action-remove = Remove
console-confirm-remove-feed = Remove this feed? Its articles stay.
console-done-feed-added = Feed added: it is polled from the next run on.
console-done-feed-paused = Feed paused.
console-done-feed-resumed = Feed resumed.
console-done-feed-removed = Feed removed.
console-channels-title = Channels
console-channel-active = working
console-channel-forbidden = the bot was removed
console-channel-migrated = moved to a supergroup
console-channel-disabled = disabled

## The editors' console: readers

console-readers-subscribed = subscribed
console-readers-change = in 7 days
console-readers-blocked = blocked the bot
console-readers-broadcasts = Broadcasts
console-readers-progress = blocked: { $blocked }, failed: { $failed }
