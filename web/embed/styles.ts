// The widget's only styles, adopted by its shadow root (so host pages with a strict CSP that
// forbids inline <style> still show it styled). `!important` on :host wins over host-page rules,
// custom properties included: the accent comes from the element's attribute, never the page's CSS.
export const STYLES = `
:host{all:initial!important;display:block!important;visibility:visible!important;opacity:1!important;
--ecoute-widget-accent:#3b5bdb!important;box-sizing:border-box!important;max-width:40rem;padding:1rem!important;
background:#fff!important;color:#1d1d24!important;border:1px solid #d0d0d8!important;border-radius:8px!important;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif!important;text-align:left!important}
:host([hidden]){display:none!important}
*{box-sizing:border-box;font:inherit;color:inherit;letter-spacing:normal;text-transform:none}
[hidden]{display:none!important}
form,.done{display:grid;gap:.35rem;margin:0}
label{display:block;font-weight:600;margin-top:.5rem}
textarea,input{display:block;width:100%;margin:0;padding:.5rem;background:#fff;color:#1d1d24;border:1px solid #8a8a96;border-radius:4px}
textarea{min-height:7rem;resize:vertical}
textarea:focus,input:focus,button:focus,a:focus,.ack:focus{outline:3px solid var(--ecoute-widget-accent);outline-offset:1px}
[aria-invalid=true]{border-color:#b00020}
button{justify-self:start;margin-top:.6rem;padding:.55rem 1.2rem;border:0;border-radius:4px;background:var(--ecoute-widget-accent);color:#fff;cursor:pointer;font-weight:600}
button:disabled{opacity:.6;cursor:progress}
.hint,.status{margin:0;font-size:.875rem;color:#55556a}
.err{margin:0;font-size:.875rem;color:#b00020;font-weight:600}
.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
.done p{margin:0}
a{color:var(--ecoute-widget-accent);font-weight:600}
`;
