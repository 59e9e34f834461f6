// The /embed.js entry point: registers <ecoute-form>, and adds nothing to the page's globals.
import { EcouteFormElement } from './ecoute-form-element.ts';

EcouteFormElement.define();
