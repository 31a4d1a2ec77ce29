import path from 'node:path';
import { fileURLToPath } from 'node:url';

// This folder is the app's root, whatever lock files the folders above it hold.
const root = path.dirname(fileURLToPath(import.meta.url));

/** @type {import('next').NextConfig} */
export default {
  outputFileTracingRoot: root,
  turbopack: { root },
};
