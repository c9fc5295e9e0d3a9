## Publishing: channel posts and notices to editors

publishing-read-more = Толығырақ
publishing-breaking = ⚡ Шұғыл:
publishing-withdrawn-notice = Материал жарияланымнан алынды.
publishing-channel-forbidden = ⚠️ { $chat } арнасы боттың жазбаларын қабылдамайды ({ $reason }). Арна өшірілді; ботты қайта қосып, арнаны /channels командасымен іске қосқанша жазбалар күтеді.
publishing-chat-migrated = ℹ️ { $chat } тобы { $newChat } супертобына айналды; келесі жазбалар соған жіберіледі.
publishing-post-refused = ⚠️ Telegram «{ $title }» жазбасын { $chat } ішінде қабылдамады: { $reason }
