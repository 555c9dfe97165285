import { provide } from '$lib/lazy/provide';
import * as spreadsheet from './spreadsheet';

provide('spreadsheet', spreadsheet);
