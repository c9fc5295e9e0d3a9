## News tips: the citizen's conversation

tip-ask-topic = 📝 Let's send the newsroom your tip. What is it about?
tip-topic-city = 🏙 City
tip-topic-incident = 🚨 Incident
tip-topic-roads = 🚧 Roads and transport
tip-topic-utilities = 💡 Utilities
tip-topic-society = 👥 Society
tip-topic-other = ✏️ Other
tip-ask-text =
    What happened? Describe it in a message ({ $min }–{ $max } characters) or record a voice message.
    When, where, who saw it — every detail helps.
tip-hint-text-short = That's a bit short. Please write at least { $min } characters, for example: "Since morning there has been no water in houses 12–18 on Bukhar-Zhyrau Avenue."
tip-hint-text-long = That's too long: { $length } characters, the limit is { $max }. Please shorten it — you can add photos or documents next.
tip-hint-text-expected = Please describe what happened in a text message or a voice message.
tip-hint-text-first = Please describe what happened in words first — you can add photos and videos at the next step.
tip-ask-media =
    Do you have photos, videos or documents? Send them now — several at once is fine (up to { $max } files).
    When you're done, press "Done". No files? Press "Skip".
tip-media-received = 📎 Got it. Send more (up to { $max } files) or press "Done".
tip-hint-media-expected = Send a photo, a video or a document here, or press "Done" / "Skip".
tip-hint-media-limit = That's the limit: { $max } files per tip. The extra files were not added; press "Done" to continue.
tip-ask-place =
    Where did it happen? Share your location with the button below or type the address or landmark (up to { $max } characters).
    Don't want to say? Press "Skip".
tip-hint-place-expected = Share a location or type an address, or press "Skip".
tip-hint-place-long = The address is too long: { $length } characters, the limit is { $max }.
tip-place-saved = 📍 Place saved.
tip-place-skipped = OK, no place.
tip-ask-contact =
    May an editor contact you to clarify details? Share your phone number with the button below — only the newsroom will see it.
    Or stay anonymous.
tip-hint-contact-expected = Use the buttons below: share your phone number or stay anonymous.
tip-hint-contact-own = Please share your own number with the "Share my phone" button.
tip-contact-saved = 📱 Thank you, only the newsroom will see your number.
tip-contact-anonymous = OK, you stay anonymous.
tip-ask-consent = May the newsroom publish your tip?
tip-consent-button-name = ✅ Yes, with my name
tip-consent-button-anonymous = 🕶 Yes, anonymously
tip-consent-button-none = 🔒 No, it's for the newsroom only
tip-consent-name = may publish with the name
tip-consent-anonymous = may publish anonymously
tip-consent-none = not for publication
tip-preview-intro = Please check your tip:
tip-preview-heading = Your tip
tip-ask-edit = What would you like to change?
tip-edit-topic = Topic
tip-edit-text = Text
tip-edit-media = Files
tip-edit-place = Place
tip-edit-contact = Contact
tip-edit-consent = Publication
tip-sent =
    ✅ Thank you! Your tip was received and goes to the editors. Its number is { $reference }.
    An editor may write to you here; you can reply right in this chat.
tip-cancelled = Cancelled. Nothing was sent. To start again, send /tip.
tip-expired = This tip is no longer open. To send a new one, send /tip.
tip-banned = Sorry, the newsroom no longer accepts tips from this account.
tip-rate-limited = You're sending messages very fast. Please wait a few seconds and try again.
tip-hint-command = You are in the middle of a tip. Answer the question above, or send /cancel to stop.
tip-ended-hints = Something doesn't seem to be working, so I closed this tip. Nothing was sent. To start again, send /tip.
tip-ended-expired = This tip was open for too long, so I closed it. Nothing was sent. To start again, send /tip.
tip-hint-use-buttons = Please choose one of the buttons above.
tip-hint-stale-button = That button belongs to an earlier question. Please use the latest message.
tip-button-skip = Skip
tip-button-done = ✅ Done
tip-button-send-location = 📍 Share location
tip-button-share-phone = 📱 Share my phone
tip-button-anonymous = 🕶 Stay anonymous
tip-button-send = ✅ Send
tip-button-edit = ✏️ Edit
tip-button-cancel = ✖️ Cancel

## News tips: the relay and status notices

tip-relay-to-citizen =
    📰 The newsroom, about your tip { $reference }:
    { $text }
tip-relay-delivered = ✉️ Sent to the newsroom (tip { $reference }).
tip-notify-accepted = 👍 The newsroom has taken your tip { $reference } into work. Thank you!
tip-notify-rejected = Thank you for tip { $reference }. The newsroom has decided not to cover it this time.
tip-notify-published = 📰 Your tip { $reference } has been published. Thank you for helping the newsroom!

## News tips: the editors' desk

tip-card-topic = Topic:
tip-card-text = What happened:
tip-card-voice = 🎤 Voice message (below)
tip-card-place = Where:
tip-card-none = —
tip-card-files = Files:
tip-card-consent = Publication:
tip-card-contact = Contact:
tip-card-language = Language:
tip-card-trimmed = (trimmed: a card holds at most { $limit } characters; the full text is in the inbox)
tip-status-new = 🆕 new
tip-status-in_progress = 💬 in progress
tip-status-accepted = ✅ accepted
tip-status-rejected = ❌ rejected
tip-status-published = 📰 published
tip-status-spam = 🚫 spam
tip-card-by = by { $editor }
tip-card-sender-banned = 🚫 The sender is banned.
tip-card-sender-unbanned = ↩️ The sender was unbanned.
tip-desk-button-unban = ↩️ Unban the sender
tip-desk-console-reply =
    ✉️ Reply to the author of { $reference } from the console ({ $editor }):
    { $text }
tip-desk-button-accept = ✅ Accept
tip-desk-button-reject = ❌ Reject
tip-desk-button-reply = 💬 Reply
tip-desk-button-ban = 🚫 Spam / ban
tip-desk-button-ban-confirm = 🚫 Yes, spam: ban the sender
tip-desk-button-back = ↩️ Back
tip-desk-button-published = 📰 Published
tip-desk-reply-prompt = ✍️ Reply to this message with your answer to the tipster of { $reference }. It will be signed as the newsroom.
tip-desk-relayed = ✉️ Sent to the tipster of { $reference }.
tip-desk-relay-failed = ⚠️ Could not deliver to the tipster of { $reference } (they may have blocked the bot).
tip-desk-relay-closed = 🚫 { $reference } is marked as spam: nothing is sent to its sender.
tip-relay-to-desk = 💬 { $reference }: the tipster writes:
tip-desk-not-editor = Only the newsroom's editors can use these buttons.
tip-desk-not-found = This tip no longer exists.
tip-desk-draft-created = { $reference } accepted. Draft article #{ $id } created.
tip-desk-transition-refused = Not possible: the tip is already { $from }.
