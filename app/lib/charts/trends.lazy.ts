import { provide } from '$lib/lazy/provide';
import * as trends from './trends';

provide('charts', trends);
