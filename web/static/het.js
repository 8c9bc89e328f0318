// het.js — progressive enhancement for the public hub. Loaded as a module,
// so only browsers that GOV.UK Frontend supports run it; every page works
// without it. No inline script: the Content-Security-Policy forbids it.
import { initAll } from './dist/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
