import { render } from "preact";
render(<p>Rapport</p>, document.getElementById("app"));
