customElements.define('ecoute-form', class extends HTMLElement {});
