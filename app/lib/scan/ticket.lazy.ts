import { provide } from '$lib/lazy/provide';
import * as ticket from './ticket';

provide('ticket', ticket);
