## Editor commands: /channels and /post

channels-none = No channels yet.
channels-usage =
    /channels — list
    /channels add <@channel or id> <ru|kk|en> — add or re-enable
    /channels remove <@channel or id> — disable
channels-line = { $chat } ({ $language }) — { $status } { $error }
channels-status-active = ✅ active
channels-status-forbidden = ⛔ bot removed or without rights
channels-status-migrated = ↪️ moved
channels-status-disabled = ⏸ disabled
channels-added = Channel { $chat } ({ $language }) is on. New articles in that language go there.
channels-disabled = Channel { $chat } is disabled.
channels-unknown = Channel { $chat } is not in the list.
post-usage = Send /post with the article's id or link.
post-not-found = Article "{ $reference }" not found.
post-article = "{ $title }" ({ $id }), status: { $status }
post-delivery-line = • { $chat }: { $state } { $error }
post-status-published = published
post-status-draft = draft
post-status-withdrawn = withdrawn
post-status-archived = in the feed's archive
post-state-pending = ⏳ queued
post-state-sending = 📤 sending
post-state-sent = ✅ published
post-state-withdrawn = 🗑 withdrawn
post-state-failed = ⚠️ failed
post-no-channels = No channels for the article's language.
post-button-publish = 📤 Publish
post-button-withdraw = 🗑 Withdraw
post-publishing = Publishing.
post-withdrawing = Withdrawing.
post-draft = This is a draft from a reader's tip: publish it through the site.
channels-bad-chat-id = "{ $value }" is neither a chat id nor a @channel name.
channels-bad-language = "{ $value }" is not a known language: ru, kk or en.
