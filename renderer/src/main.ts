import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import './styles/beat-palette.css';
import './styles/data-table.css';
import './styles/sidebar-list.css';
import { initToken } from './lib/api';

// Take the access token out of the address bar before anything else runs.
initToken();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target });
