import { render } from "preact";
import { App } from "./app.tsx";
import { listenForTheme, postEvent, readLaunchParams } from "./telegram.ts";
import { useLaunchData } from "./api.ts";
import { locale, pickLocale } from "./i18n.ts";
import "./styles.css";

const launch = readLaunchParams();
useLaunchData(launch.initData);
locale.value = pickLocale(localStorage.getItem("habarshy.locale"), launch.languageCode, navigator.language);
listenForTheme();
render(<App insideTelegram={launch.initData !== null} />, document.getElementById("app")!);
postEvent("web_app_ready");
postEvent("web_app_expand");
