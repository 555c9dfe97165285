import { provide } from '$lib/lazy/provide';
import * as qrCode from './qr-code';

provide('qr-code', qrCode);
