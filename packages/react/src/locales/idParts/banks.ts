import type { AyoMessages } from '../../i18n';

export const banks: AyoMessages['banks'] = {
  legend: 'Pilih bank Anda',
  loading: 'Memuat daftar bank…',
  loaded: (n) => `${n} bank tersedia`,
  loadError: 'Daftar bank tidak dapat dimuat.',
  paymentOtp: 'OTP saat bayar',
  otpAlways: 'selalu',
  otpAbove: (amount) => `di atas ${amount}`,
  unbindingOtp: 'OTP saat melepas',
  unbindingOtpYes: 'ya',
  unbindingOtpNo: 'tidak',
  rebindingLabel: 'Menautkan ulang',
  rebinding: {
    oneAccountPerUser: 'Satu rekening per pengguna; lepas dulu untuk menautkan rekening lain.',
    manyToMany: 'Bebas: beberapa rekening, dan rekening yang sama oleh beberapa pengguna.',
    oneUserPerAccount:
      'Satu rekening hanya bisa ditautkan sekali di toko ini; Anda boleh menautkan beberapa.',
    oneBindingPerAccount: 'Satu rekening hanya bisa ditautkan sekali di toko ini.',
    noSameAccountTwice: 'Rekening yang sama tidak bisa ditautkan dua kali; lepas dulu.',
  },
  unavailable: {
    ONE_ACCOUNT_PER_USER:
      'Anda sudah menautkan satu rekening di bank ini. Bank hanya mengizinkan satu rekening per pengguna: gunakan rekening itu, atau lepas dulu.',
  },
};
