## Publishing: channel posts and notices to editors

publishing-read-more = Read more
publishing-breaking = ⚡ Breaking:
publishing-withdrawn-notice = This story has been withdrawn.
publishing-channel-forbidden = ⚠️ Channel { $chat } refuses the bot's posts ({ $reason }). The channel is disabled; its posts wait until you add the bot again and enable the channel with /channels.
publishing-chat-migrated = ℹ️ Group { $chat } became supergroup { $newChat }; posts go there from now on.
publishing-post-refused = ⚠️ Telegram refused the post "{ $title }" in { $chat }: { $reason }
