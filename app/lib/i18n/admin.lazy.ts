import { provide } from '$lib/lazy/provide';
import zhCN from './admin.zh-CN';
import en from './admin.en';

provide('admin-messages', { zhCN, en });
