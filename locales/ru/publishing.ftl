## Publishing: channel posts and notices to editors

publishing-read-more = Читать полностью
publishing-breaking = ⚡ Срочно:
publishing-withdrawn-notice = Материал снят с публикации.
publishing-channel-forbidden = ⚠️ Канал { $chat } не принимает посты бота ({ $reason }). Канал отключён; посты подождут, пока вы снова не добавите бота и не включите канал командой /channels.
publishing-chat-migrated = ℹ️ Группа { $chat } стала супергруппой { $newChat }; дальнейшие посты идут туда.
publishing-post-refused = ⚠️ Telegram не принял пост «{ $title }» в { $chat }: { $reason }
