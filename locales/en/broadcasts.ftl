## Editors: subscribers, digests, announcements

subscribers-stats =
    📬 Newsletter subscribers: { $subscribed } (reachable { $reachable }, blocked the bot { $blocked })
    Get breaking news: { $breaking }
    By language: { $languages }
    Digest: daily { $daily }, weekly { $weekly }, none { $off }
    Sections: all sections { $all }; chose sections: { $sections }
    Last 7 days: subscribed { $joined }, unsubscribed { $left }, net { $net }
digest-preview-empty = Nothing new in the last 24 hours — today's digest would be empty, so it will not be sent.
digest-preview-question = This is today's digest. Each subscriber gets their own — in their language and sections. Send it to every daily-digest reader now?
digest-button-send = 📨 Send now
broadcast-usage =
    A message to readers: /broadcast followed by the text (up to 4096 characters).
    A link button goes on the last line: Button text | https://ekaraganda.kz/…
    Then: preview, audience, confirmation.
broadcast-invalid = The message cannot be sent:
broadcast-all-languages = all languages
broadcast-all-sections = all sections
broadcast-audience = To: language — { $language }, sections — { $sections }. Readers it reaches: { $count }. Choose the audience and press Send.
broadcast-button-send = ✉️ Send ({ $count })
broadcast-button-drop = ✖️ Cancel
broadcast-draft-gone = This draft was already sent or cancelled.
broadcast-dropped = The draft was cancelled; nothing was sent.
broadcast-progress =
    Broadcast #{ $id }: { $status }
    Total { $total }: sent { $sent }, blocked the bot { $blocked }, failed { $failed }, skipped { $skipped }, waiting { $pending }
broadcast-status-queued = queued
broadcast-status-sending = sending
broadcast-status-done = done
broadcast-status-cancelled = stopped
broadcast-button-refresh = 🔄 Refresh
broadcast-button-stop = ⏹ Stop
broadcast-finished-notice = Broadcast #{ $id } is done. Figures: the Refresh button under it, or GET /api/broadcasts/{ $id }.
