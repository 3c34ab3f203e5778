/**
 * The entry: the first calls leave before the app's code (start.tsx, most of it) is parsed and
 * run, so their answers are here by the time it first renders.
 */
import { askEarly } from './early';
import './styles.css';

askEarly();
void import('./start');
