import SignaturePad from 'signature_pad';
import { provide } from '$lib/lazy/provide';

provide('signature-pad', { default: SignaturePad });
