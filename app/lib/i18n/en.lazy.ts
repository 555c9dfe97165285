import { provide } from '$lib/lazy/provide';
import en from './en';

provide('english', { default: en });
