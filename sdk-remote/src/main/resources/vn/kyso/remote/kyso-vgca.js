// Kyso — a helper for the government signing plug-in (VGCA Sign Service) in the browser.
// One ES module, no framework, no build step. Apache-2.0.
//
// The plug-in is a local service on the official's PC: the page opens
// wss://127.0.0.1:8987/<Verb>, sends one JSON frame, reads one, and the connection closes.
// Known from the plug-in's shipped script and public integrators' code: Status 0 (or "0") is
// success; the codes for a cancelled dialog, a removed token or a wrong PIN are not documented,
// so failures are classified by their text (Error or Message).
//
//   import { createPlugin, postJson } from './kyso-vgca.js';
//   const plugin = createPlugin({ lang: 'vi' });
//   if (!(await plugin.probe())) { show(plugin.message('NOT_INSTALLED')); }
//   const cert = await plugin.getCertificate();                    // base64 DER
//   const { id, hashes } = await postJson('/sign/prepare', { certificate: cert });
//   const signatures = await plugin.signHashes(hashes);           // base64 PKCS#1 v1.5 values
//   const result = await postJson('/sign/complete', { id, signatures, certificate: cert });

const MESSAGES = {
  vi: {
    NOT_INSTALLED: 'Chưa cài đặt hoặc chưa chạy phần mềm ký số VGCA Sign Service trên máy này.',
    CANCELLED: 'Người ký đã hủy thao tác ký.',
    TOKEN_REMOVED: 'Không tìm thấy thiết bị ký số (USB token) hoặc mã PIN không đúng.',
    TIMEOUT: 'Phần mềm ký số không trả lời kịp thời.',
    GARBAGE: 'Phần mềm ký số trả lời không đúng định dạng.',
    FAILED: 'Ký số không thành công.',
  },
  en: {
    NOT_INSTALLED: 'The VGCA Sign Service is not installed or not running on this computer.',
    CANCELLED: 'The signer cancelled.',
    TOKEN_REMOVED: 'No signing token was found (removed?) or the PIN was wrong.',
    TIMEOUT: 'The signing service did not answer in time.',
    GARBAGE: 'The signing service answered something that cannot be read.',
    FAILED: 'Signing failed.',
  },
};

/** A failure with a code: NOT_INSTALLED, CANCELLED, TOKEN_REMOVED, TIMEOUT, GARBAGE, FAILED. */
export class PluginError extends Error {
  constructor(code, detail, lang) {
    const text = (MESSAGES[lang] || MESSAGES.vi)[code];
    super(detail ? `${text} (${detail})` : text);
    this.name = 'PluginError';
    this.code = code;
    this.detail = detail || '';
    this.messageVi = MESSAGES.vi[code];
    this.messageEn = MESSAGES.en[code];
  }
}

/** Classifies a failed answer by its text. */
function classify(answer, lang) {
  const text = String((answer && (answer.Error || answer.Message)) || '');
  const t = text.toLowerCase();
  const detail = `Status ${answer && answer.Status}${text ? ': ' + text : ''}`;
  if (/cancel|hủy|huỷ|huy bo/.test(t)) return new PluginError('CANCELLED', detail, lang);
  if (/token|pin|thiết bị|usb|không tìm thấy|not found/.test(t)) {
    return new PluginError('TOKEN_REMOVED', detail, lang);
  }
  return new PluginError('FAILED', detail, lang);
}

/**
 * Creates a client of the plug-in.
 * options.base: 'wss://127.0.0.1:8987' (tests give the fake's address);
 * options.lang: 'vi' (default) or 'en';
 * options.probeTimeoutMs: how long opening may take before the plug-in counts as absent (3000);
 * options.timeoutMs: how long the signer may take to answer (120000).
 */
export function createPlugin(options = {}) {
  const base = String(options.base || 'wss://127.0.0.1:8987').replace(/\/+$/, '');
  const lang = options.lang === 'en' ? 'en' : 'vi';
  const probeTimeoutMs = options.probeTimeoutMs ?? 3000;
  const timeoutMs = options.timeoutMs ?? 120000;

  /** One verb: open, send one frame, read one, close. */
  function call(verb, payload) {
    return new Promise((resolve, reject) => {
      let ws;
      let opened = false;
      let done = false;
      let timer;
      const finish = (settle, value) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        try { ws && ws.close(); } catch (e) { /* already closed */ }
        settle(value);
      };
      timer = setTimeout(() => finish(reject, new PluginError('NOT_INSTALLED', verb, lang)),
        probeTimeoutMs);
      try {
        ws = new WebSocket(`${base}/${verb}`);
      } catch (e) {
        finish(reject, new PluginError('NOT_INSTALLED', String(e), lang));
        return;
      }
      ws.onopen = () => {
        opened = true;
        clearTimeout(timer);
        timer = setTimeout(() => finish(reject, new PluginError('TIMEOUT', verb, lang)), timeoutMs);
        ws.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
      };
      ws.onmessage = (event) => {
        let answer;
        try {
          answer = JSON.parse(event.data);
        } catch (e) {
          finish(reject, new PluginError('GARBAGE', String(event.data).slice(0, 80), lang));
          return;
        }
        if (answer && (answer.Status === 0 || answer.Status === '0')) finish(resolve, answer);
        else finish(reject, classify(answer, lang));
      };
      ws.onerror = () => finish(reject,
        new PluginError(opened ? 'FAILED' : 'NOT_INSTALLED', verb, lang));
      ws.onclose = () => finish(reject,
        new PluginError(opened ? 'FAILED' : 'NOT_INSTALLED', `${verb}: closed`, lang));
    });
  }

  return {
    /** The message of a code in this client's language. */
    message(code) {
      return (MESSAGES[lang] || MESSAGES.vi)[code];
    },

    /** True when the plug-in answers the opening of a connection within probeTimeoutMs. */
    probe() {
      return new Promise((resolve) => {
        let ws;
        const timer = setTimeout(() => { try { ws && ws.close(); } catch (e) { /* */ } resolve(false); },
          probeTimeoutMs);
        try {
          ws = new WebSocket(`${base}/SignXML`);
        } catch (e) {
          clearTimeout(timer);
          resolve(false);
          return;
        }
        ws.onopen = () => { clearTimeout(timer); ws.close(); resolve(true); };
        ws.onerror = () => { clearTimeout(timer); resolve(false); };
      });
    },

    /**
     * The signer's certificate (base64 DER): GetCertInfo, and where it carries none, the
     * certificate returned with a signature of a dummy digest (the plug-in asks for the PIN).
     */
    async getCertificate() {
      const info = await call('GetCertInfo', 'get_cert_info');
      const c = info.CertBase64 || (info.CertInfo && (info.CertInfo.CertBase64 || info.CertInfo.Base64));
      if (c) return c;
      const dummy = btoa(String.fromCharCode(...new Uint8Array(32)));
      const signed = await call('SignMsg', { HashAlg: 'SHA256', HashValue: dummy, Encode: 'RSA' });
      if (!signed.CertBase64) throw new PluginError('GARBAGE', 'no certificate', lang);
      return signed.CertBase64;
    },

    /** Signs one digest (base64); resolves to { signature, certificate } (base64). */
    async signHash(hashBase64, hashAlg = 'SHA256') {
      const a = await call('SignMsg', { HashAlg: hashAlg, HashValue: hashBase64, Encode: 'RSA' });
      if (!a.Signature) throw new PluginError('GARBAGE', 'no Signature', lang);
      return { signature: a.Signature, certificate: a.CertBase64 || '' };
    },

    /** Signs digests one after the other; resolves to the signatures (base64), in order. */
    async signHashes(hashes, hashAlg = 'SHA256') {
      const out = [];
      for (const h of hashes) out.push((await this.signHash(h, hashAlg)).signature);
      return out;
    },

    /**
     * The file round trip: the plug-in downloads fileUrl, signs it with its own engine and posts
     * it to uploadUrl (part "uploadfile"); resolves to the upload handler's answer as relayed.
     * verb: 'SignApproved' (a leader), 'SignIssued' (the văn thư), 'SignAppendix', 'SignCopy'.
     */
    signFile(verb, { fileUrl, uploadUrl, sessionId = '', jwt = '', metaData = [], docNumber, issuedDate }) {
      const params = { FileUploadHandler: uploadUrl, FileName: fileUrl, SessionId: sessionId,
        JWTToken: jwt, MetaData: metaData };
      if (docNumber) params.DocNumber = docNumber;
      if (issuedDate) params.IssuedDate = issuedDate;
      return call(verb, params);
    },
  };
}

/** POSTs JSON to the application and returns its JSON answer; a non-2xx answer throws. */
export async function postJson(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(json.message || response.statusText);
    error.status = response.status;
    error.body = json;
    throw error;
  }
  return json;
}
