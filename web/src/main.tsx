import { render } from 'preact';
import { App } from './app';
import './styles.css';
import { takeTokenFromUrl } from './token';

takeTokenFromUrl();

render(<App />, document.getElementById('app')!);
